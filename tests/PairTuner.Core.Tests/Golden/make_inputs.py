import json, random, os
random.seed(5)
D = "inputs"
def w(name, data, mode="w"):
    p = os.path.join(D, name)
    if isinstance(data, bytes):
        open(p, "wb").write(data)
    else:
        open(p, "w", encoding="utf-8", newline="").write(data)

words = ["how","do","I","reset","password","café","naïve","résumé","日本語","テキスト","Ünïcödé","emoji😀","quote\"d","back\\slash","tab\there","ctl\u0001x","<html>&amp;","'apos'","ß","Ω","€","\u2028sep","\u00a0nbsp","x"]
def sent(i):
    return " ".join(random.choice(words) for _ in range(random.randint(1,8))) + f" #{i}"

# 1. mixed JSON Lines, LF
lines = []
for i in range(90):
    r = random.random()
    t1, t2 = sent(i), sent(i+1000)
    if r < 0.3:
        lines.append(json.dumps({"text1": t1, "text2": t2}, ensure_ascii=random.random()<0.5))
    elif r < 0.4:
        lines.append(json.dumps([t1, t2], ensure_ascii=False))
    elif r < 0.5:
        lines.append(json.dumps([t1, t2, round(random.random(), random.randint(1,17))], ensure_ascii=False))
    elif r < 0.55:
        lines.append(json.dumps([t1, t2, "neg " + sent(i)], ensure_ascii=False))
    elif r < 0.6:
        lines.append(json.dumps([t1, t2, random.random(), "neg " + sent(i)], ensure_ascii=False))
    elif r < 0.65:
        lines.append(json.dumps({"anchor": "  " + t1 + " ", "positive": t2, "negative": sent(i+5), "group": f"g{i%7}", "id": i}, ensure_ascii=False))
    elif r < 0.7:
        lines.append(json.dumps({"sentence1": t1, "sentence2": t2, "label": random.choice([0,1,"entailment",True,False,0.5])}, ensure_ascii=False))
    elif r < 0.73:
        lines.append(json.dumps({"query": t1, "passage": t2, "image_id": random.randint(1,9), "score": random.choice([1e-5, 0.1+0.2, 1/3, 2/3, 0.999999999999, 0, 1, 5e-324, 0.25])}, ensure_ascii=False))
    elif r < 0.76:
        lines.append(random.choice(lines) if lines else json.dumps([t1,t2]))  # duplicate line
    elif r < 0.78:
        lines.append(json.dumps({"text1": t1, "text2": t1}))  # identical
    elif r < 0.80:
        lines.append(json.dumps({"text1": " " + t1, "text2": t2 + "\t"}, ensure_ascii=False))  # dup after trim maybe
    elif r < 0.9:
        lines.append(random.choice([
            '{"text1": "a", "text2": }', '["only one"]', '[]', '{}', '{"text1": "x"}', '{"text2": "x"}',
            '{"text1": 5, "text2": "y"}', '{"text1": "", "text2": "y"}', '{"text1": "   ", "text2": "y"}',
            '["a", "b", 2.5]', '["a", "b", -0.1]', '["a", "b", true]', '["a","b",1,"c","d"]', '"just a string"', '42',
            '{"text1": "a", "text2": "b"} {"x":1}', '{"text1": "a", "text2": "b", "score": "high"}',
            '{"text1": "a", "text2": "b", "score": 1e400}', '{"text1": "\\ud800", "text2": "b"}', '{"text1": "a", "anchor": "b", "text2": "c"}',
            '{"text1": "a", "text2": "b", "group": "g", "image_id": 3}', '{"text1": "a", "text2": "b", "group": [1]}',
            '[["nested"], "b"]', '{"text1": "a\\u00e9\\n\\"q\\"", "text2": "esc\\/aped \\t"}', '{"TEXT1": "Upper", "Text2": "case keys"}',
            '{"text1": "a", "text2": "b", "negative": null, "score": null}', '{"text1": "a", "text2": "b", "negative": 3}',
            '{"text\\u0031": "escaped key", "text2": "b"}', '[ "spaced" , "array" , 0.5 ]', 'nul', '{"text1": "a", "text2": "b",}',
        ]))
    elif r < 0.95:
        lines.append("")  # blank
    else:
        lines.append("   \t")
w("mixed.jsonl", "\n".join(lines) + "\n")
w("mixed_crlf_bom.jsonl", ("\ufeff" + "\r\n".join(lines)).encode("utf-8") )
# invalid utf-8 line
w("badutf8.jsonl", b'{"text1": "ok", "text2": "fine"}\n{"text1": "bad \xff byte", "text2": "x"}\n' + "\n".join(lines[:30]).encode())

# 2. JSON array
arr = []
for i in range(60):
    r = random.random()
    t1, t2 = sent(i), sent(i+2000)
    if r < 0.4: arr.append([t1, t2])
    elif r < 0.6: arr.append({"text1": t1, "text2": t2, "score": round(random.random()*5, 2)})
    elif r < 0.7: arr.append([t1, t2, random.random()])
    elif r < 0.8: arr.append(random.choice(arr) if arr else [t1, t2])
    elif r < 0.9: arr.append(random.choice([1, "str", None, [t1], {"text1": t1}, [t1, t1]]))
    else: arr.append({"anchor": t1, "positive": t2, "negative": sent(i), "group": i % 5})
w("array.json", json.dumps(arr, ensure_ascii=False, indent=random.choice([None, 2])))
w("array_pretty.json", json.dumps(arr, ensure_ascii=True, indent=2).replace("\n", "\r\n"))
w("array_truncated.json", json.dumps(arr, ensure_ascii=False, indent=1)[:-500])
w("array_trailing.json", json.dumps(arr[:30], ensure_ascii=False) + "\n\n x")

# 3. CSV/TSV
import csv, io
def csvtext(rows, delim, header=None, crlf=False):
    s = io.StringIO()
    wr = csv.writer(s, delimiter=delim, lineterminator="\r\n" if crlf else "\n")
    if header: wr.writerow(header)
    for r in rows: wr.writerow(r)
    return s.getvalue()
rows = []
for i in range(50):
    t1, t2 = sent(i).replace("\u0001", ""), sent(i+3000).replace("\u0001", "")
    r = random.random()
    if r < 0.1: rows.append([t1, t2, "", "neg " + t1, f"g{i%4}", "entailment"])
    elif r < 0.15: rows.append([t1, t1, "0.5", "", "", ""])
    elif r < 0.2: rows.append([t1, "", "0.5", "", "", ""])
    elif r < 0.25: rows.append([t1, t2, "abc", "", "", ""])
    elif r < 0.3: rows.append(random.choice(rows) if rows else [t1, t2, "", "", "", ""])
    elif r < 0.35: rows.append([t1 + "\nsecond line", t2, "1", "", "", "1"])
    elif r < 0.4: rows.append([t1])
    else: rows.append([t1, t2, str(round(random.random(), 3)), "", " g%d " % (i % 3), str(random.randint(0,1))])
w("header.csv", csvtext(rows, ",", ["sentence1", "sentence2", "score", "negative", "group", "label"]))
w("header_crlf_bom.csv", "\ufeff" + csvtext(rows, ",", ["anchor", "positive", "score", "negative", "image_id", "label"], crlf=True))
w("header.tsv", csvtext(rows, "\t", ["text1", "text2", "score", "negative", "group", "label"]))
w("noheader_score.csv", csvtext([r[:3] for r in rows], ","))
w("noheader_negative.tsv", csvtext([[r[0], r[1], "neg" + str(i)] + ([str(i % 2)] if i % 3 else []) for i, r in enumerate(rows) if len(r) > 1], "\t"))
w("badquote.csv", 'text1,text2\n"a"b,c\nplain "quote" here,ok\n' + csvtext(rows[:20], ","))
w("noheader_text.csv", "\n".join(f"{sent(i)},{sent(i+9)}".replace('"', '') for i in range(60)) + "\n")
w("header_missing_text.csv", "score,label\n1,2\n")
# 4. fatal / edge
w("empty.jsonl", "")
w("blank.jsonl", "\n \n\t\n")
w("utf16.jsonl", '{"text1":"a","text2":"b"}\n'.encode("utf-16"))
w("few.jsonl", '{"text1":"a","text2":"b"}\n')
w("unknown.txt", "just some words\nno delimiters\n")
w("mislabeled.json", "\n".join(json.dumps([sent(i), sent(i+1)], ensure_ascii=False) for i in range(80)) + "\n")
w("noext", "\n".join(json.dumps({"text1": sent(i), "text2": sent(i+1)}, ensure_ascii=False) for i in range(80)) + "\n")
w("toolong.jsonl", "\n".join(json.dumps({"text1": sent(i) * (1 + (i % 30)), "text2": sent(i+1), "negative": "n" * (i * 3)}, ensure_ascii=False) for i in range(80)) + "\n")
# 5. larger: many pairs with repeats and scores
big = []
for i in range(0):
    if i > 100 and random.random() < 0.1:
        big.append(big[random.randrange(len(big))])
        continue
    r = random.random()
    o = {"text1": sent(i), "text2": sent(i + 7)}
    if r < 0.3: o["score"] = round(random.random() * 5, random.randint(0, 4))
    if r > 0.8: o["negative"] = sent(i + 11)
    if r > 0.9: o["group"] = f"grp{i % 100}"
    big.append(json.dumps(o, ensure_ascii=random.random() < 0.1))
w("big.jsonl", "\n".join(big) + "\n")
w("badutf8.csv", b'text1,text2\nok,fine\n"bad \xff byte",x\nc,d\n')
# Made above for a larger set; not golden inputs.
for extra in ["big.jsonl", "blank.jsonl", "few.jsonl", "noext", "noheader_score.csv", "noheader_text.csv", "toolong.jsonl", "array_pretty.json", "header.tsv"]:
    os.remove(os.path.join(D, extra))
