namespace PairTuner.Training.Evaluation;

/// <summary>
/// Keeps the best <c>k</c> documents seen so far for one query in a bounded min-heap whose root is
/// the worst kept document, so memory is O(k) however large the corpus is.
/// </summary>
public sealed class TopKCollector
{
    private readonly ScoredDocument[] _heap;
    private int _count;

    public TopKCollector(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _heap = new ScoredDocument[k];
    }

    public int Capacity => _heap.Length;

    public int Count => _count;

    /// <summary>The score a new document must beat to get in (negative infinity until the heap is full).</summary>
    public float Threshold => _count < _heap.Length ? float.NegativeInfinity : _heap[0].Score;

    public void Add(int document, float score)
    {
        var candidate = new ScoredDocument(document, float.IsNaN(score) ? float.NegativeInfinity : score);
        if (_count < _heap.Length)
        {
            _heap[_count] = candidate;
            SiftUp(_count);
            _count++;
        }
        else if (candidate.RanksAbove(_heap[0]))
        {
            _heap[0] = candidate;
            SiftDown(0);
        }
    }

    /// <summary>The kept documents, best first (see <see cref="ScoredDocument.RanksAbove"/>).</summary>
    public ScoredDocument[] ToRanking()
    {
        var result = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(result, static (a, b) => a.RanksAbove(b) ? -1 : b.RanksAbove(a) ? 1 : 0);
        return result;
    }

    private void SiftUp(int index)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!_heap[parent].RanksAbove(_heap[index]))
            {
                return;
            }

            (_heap[parent], _heap[index]) = (_heap[index], _heap[parent]);
            index = parent;
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var left = (2 * index) + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < _count && _heap[left].RanksAbove(_heap[right]))
            {
                worst = right;
            }

            if (!_heap[index].RanksAbove(_heap[worst]))
            {
                return;
            }

            (_heap[index], _heap[worst]) = (_heap[worst], _heap[index]);
            index = worst;
        }
    }
}
