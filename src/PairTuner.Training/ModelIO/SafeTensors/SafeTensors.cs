using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using TorchSharp;

namespace PairTuner.Training.ModelIO.SafeTensors;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{"__metadata__": {...}, "name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...}</c>,
/// padded with spaces so the data starts 8-byte aligned), then the tensors' bytes, little-endian,
/// row-major, back to back. Written files match the reference writer's layout: tensors ordered by
/// dtype as its serializer orders them (I64, F64, F32, I32, BF16, F16, I16, I8, U8, BOOL: wider
/// first, which keeps every tensor aligned) and then by name, so a file of one dtype is in name order.
/// Limits: the header is at most 100,000,000 bytes (the reference reader's limit) and one tensor at
/// most 2 GiB.
/// </summary>
public static class SafeTensors
{
    /// <summary>The reference implementation refuses headers above this size; so does PairTuner.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The header key that holds the free-form string map.</summary>
    public const string MetadataKey = "__metadata__";

    private static readonly JsonWriterOptions HeaderWriterOptions = new()
    {
        // serde_json (the reference writer) leaves non-ASCII characters unescaped; so do we.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Reads a whole safetensors file.</summary>
    public static SafeTensorsFile ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads every tensor of a safetensors stream onto the CPU in its stored dtype.
    /// <paramref name="source"/> names the file in error messages.
    /// </summary>
    public static SafeTensorsFile Read(Stream stream, string source = "safetensors stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureLittleEndianHost();
        var (entries, metadata, _) = ReadHeader(stream, source);
        var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in entries)
            {
                var tensor = torch.empty(entry.Shape, entry.DType.ToScalarType());
                tensors.Add(entry.Name, tensor);
                if (entry.ByteLength > int.MaxValue)
                {
                    throw new SafeTensorsFormatException($"{source}: tensor '{entry.Name}' has {entry.ByteLength} bytes; PairTuner reads tensors of at most 2 GiB.");
                }

                if (entry.ByteLength == 0)
                {
                    continue;
                }

                try
                {
                    stream.ReadExactly(tensor.bytes);
                }
                catch (EndOfStreamException ex)
                {
                    throw new SafeTensorsFormatException($"{source}: the file ends inside tensor '{entry.Name}' (data_offsets [{entry.Begin}, {entry.End}]); it is truncated.", ex);
                }
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return new SafeTensorsFile(tensors, metadata, entries);
    }

    /// <summary>
    /// Reads and validates only the header: the entries in data order, the metadata, and where the
    /// data section starts. Leaves <paramref name="stream"/> at the start of the data section.
    /// </summary>
    public static (IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart) ReadHeader(Stream stream, string source = "safetensors stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> lengthBytes = stackalloc byte[8];
        try
        {
            stream.ReadExactly(lengthBytes);
        }
        catch (EndOfStreamException ex)
        {
            throw new SafeTensorsFormatException($"{source}: shorter than the 8-byte header length; not a safetensors file.", ex);
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength == 0 || headerLength > MaxHeaderBytes)
        {
            throw new SafeTensorsFormatException($"{source}: header length {headerLength} is outside 1..{MaxHeaderBytes}; not a safetensors file.");
        }

        long? dataLength = stream.CanSeek ? stream.Length - 8 - (long)headerLength : null;
        if (dataLength < 0)
        {
            throw new SafeTensorsFormatException($"{source}: header length {headerLength} runs past the end of the {stream.Length}-byte file.");
        }

        var header = new byte[headerLength];
        try
        {
            stream.ReadExactly(header);
        }
        catch (EndOfStreamException ex)
        {
            throw new SafeTensorsFormatException($"{source}: the file ends inside its {headerLength}-byte header.", ex);
        }

        var (entries, metadata) = ParseHeader(header, source);
        CheckLayout(entries, dataLength, source);
        return (entries, metadata, 8 + (long)headerLength);
    }

    /// <summary>Writes a safetensors file atomically (a temporary file beside it, then a rename).</summary>
    public static void WriteFile(string path, IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Write(stream, tensors, metadata);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device, any layout; copied to contiguous CPU memory)
    /// and the optional string <paramref name="metadata"/> in the safetensors format.
    /// </summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        EnsureLittleEndianHost();

        var ordered = tensors
            .Select(pair => (Name: pair.Key, Tensor: pair.Value, DType: SafeTensorsDTypes.FromScalarType(pair.Value.dtype, pair.Key)))
            .OrderByDescending(item => item.DType.ReferenceRank())
            .ThenBy(item => item.Name, StringComparer.Ordinal)
            .ToList();
        if (ordered.Any(item => item.Name == MetadataKey))
        {
            throw new ArgumentException($"A tensor cannot be named '{MetadataKey}'; that key holds the metadata.", nameof(tensors));
        }

        var header = BuildHeader(ordered.Select(item => (item.Name, item.DType, item.Tensor.shape)).ToList(), metadata);
        Span<byte> lengthBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)header.Length);
        stream.Write(lengthBytes);
        stream.Write(header);

        foreach (var (name, tensor, _) in ordered)
        {
            using var detached = tensor.detach();
            using var cpu = detached.cpu();
            using var contiguous = cpu.contiguous();
            if (contiguous.numel() > 0)
            {
                stream.Write(contiguous.bytes);
            }
        }

        stream.Flush();
    }

    private static byte[] BuildHeader(List<(string Name, SafeTensorsDType DType, long[] Shape)> ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, HeaderWriterOptions))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, dtype, shape) in ordered)
            {
                var length = checked(shape.Aggregate(1L, (product, dim) => product * dim) * dtype.ElementSize());
                writer.WriteStartObject(name);
                writer.WriteString("dtype", dtype.ToHeaderName());
                writer.WriteStartArray("shape");
                foreach (var dim in shape)
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += length;
            }

            writer.WriteEndObject();
        }

        // Pad with spaces (valid JSON whitespace) so that the data section starts 8-byte aligned,
        // as the reference writer does; the 8-byte length prefix keeps that alignment.
        var padding = (int)((8 - (buffer.Length % 8)) % 8);
        for (var i = 0; i < padding; i++)
        {
            buffer.WriteByte((byte)' ');
        }

        return buffer.ToArray();
    }

    private static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) ParseHeader(byte[] header, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException ex)
        {
            throw new SafeTensorsFormatException($"{source}: the header is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException($"{source}: the header is JSON but not an object.");
            }

            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new SafeTensorsFormatException($"{source}: the header names '{property.Name}' twice.");
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, source);
                    continue;
                }

                entries.Add(ReadEntry(property.Name, property.Value, source));
            }

            entries.Sort((left, right) => left.Begin != right.Begin ? left.Begin.CompareTo(right.Begin) : left.End.CompareTo(right.End));
            return (entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException($"{source}: '{MetadataKey}' must be an object of strings.");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException($"{source}: '{MetadataKey}.{item.Name}' must be a string, not {item.Value.ValueKind}.");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ReadEntry(string name, JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' must be an object with dtype, shape and data_offsets.");
        }

        if (!value.TryGetProperty("dtype", out var dtypeValue) || dtypeValue.ValueKind != JsonValueKind.String)
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' field 'dtype' is missing or not a string.");
        }

        var dtypeName = dtypeValue.GetString()!;
        if (!SafeTensorsDTypes.TryParse(dtypeName, out var dtype))
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' field 'dtype' is '{dtypeName}', which PairTuner does not read (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL).");
        }

        var shape = ReadIntegers(name, value, "shape", source);
        if (shape.Any(dim => dim < 0))
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' field 'shape' has a negative dimension.");
        }

        var offsets = ReadIntegers(name, value, "data_offsets", source);
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' field 'data_offsets' must be [begin, end] with 0 <= begin <= end.");
        }

        var entry = new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
        long expected;
        try
        {
            expected = checked(entry.ElementCount * dtype.ElementSize());
        }
        catch (OverflowException ex)
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' field 'shape' is too large.", ex);
        }

        if (expected != entry.ByteLength)
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' field 'data_offsets' spans {entry.ByteLength} bytes, but shape [{string.Join(", ", shape)}] of {dtypeName} needs {expected}.");
        }

        return entry;
    }

    private static long[] ReadIntegers(string name, JsonElement value, string field, string source)
    {
        if (!value.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new SafeTensorsFormatException($"{source}: tensor '{name}' field '{field}' is missing or not an array.");
        }

        var result = new long[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out result[i]))
            {
                throw new SafeTensorsFormatException($"{source}: tensor '{name}' field '{field}' item {i} is not an integer.");
            }

            i++;
        }

        return result;
    }

    // Like the reference reader: tensors tile the data section exactly, with no gap and no overlap,
    // so every byte of the file is accounted for.
    private static void CheckLayout(List<SafeTensorsEntry> entries, long? dataLength, string source)
    {
        long expectedBegin = 0;
        foreach (var entry in entries)
        {
            if (entry.Begin != expectedBegin)
            {
                throw new SafeTensorsFormatException(entry.Begin < expectedBegin
                    ? $"{source}: tensor '{entry.Name}' field 'data_offsets' [{entry.Begin}, {entry.End}] overlaps the previous tensor."
                    : $"{source}: tensor '{entry.Name}' field 'data_offsets' [{entry.Begin}, {entry.End}] leaves a gap after byte {expectedBegin}.");
            }

            expectedBegin = entry.End;
        }

        if (dataLength is { } length && length != expectedBegin)
        {
            throw new SafeTensorsFormatException($"{source}: the data section has {length} bytes but the tensors cover {expectedBegin}; the file is truncated or has trailing bytes.");
        }
    }

    private static void EnsureLittleEndianHost()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors stores little-endian data; PairTuner supports little-endian machines only.");
        }
    }
}
