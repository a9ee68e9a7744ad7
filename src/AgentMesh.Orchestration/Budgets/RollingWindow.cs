using System.Numerics;

namespace AgentMesh.Orchestration.Budgets;

/// <summary>
/// A sum over the last <see cref="Span"/>, kept in <see cref="BucketCount"/> buckets of
/// <see cref="BucketWidth"/> aligned on UTC time (bucket <c>i</c> covers ticks
/// [<c>i × width</c>, <c>(i + 1) × width</c>)). <see cref="Sum"/> covers the bucket holding
/// <c>now</c> and the <c>BucketCount − 1</c> before it, so it looks back between
/// <c>Span − BucketWidth</c> and <c>Span</c>: the price of O(1) adds and queries.
/// </summary>
/// <remarks>
/// A running total is kept: an add is O(1), a query is O(1), and moving time forward clears at
/// most <see cref="BucketCount"/> buckets (amortised O(1) per elapsed bucket). Adds older than the
/// window are ignored. Single-threaded.
/// </remarks>
public sealed class RollingWindow<T>
    where T : struct, IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>
{
    private readonly T[] _buckets;
    private readonly long _bucketTicks;
    private long _newest = long.MinValue;
    private T _total;

    public RollingWindow(TimeSpan bucketWidth, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucketWidth, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        _bucketTicks = bucketWidth.Ticks;
        _buckets = new T[bucketCount];
    }

    public TimeSpan BucketWidth => TimeSpan.FromTicks(_bucketTicks);

    public int BucketCount => _buckets.Length;

    public TimeSpan Span => TimeSpan.FromTicks(_bucketTicks * _buckets.Length);

    /// <exception cref="ArgumentException">The snapshot has no buckets.</exception>
    public static RollingWindow<T> Restore(RollingWindowSnapshot<T> snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Buckets.Length == 0)
        {
            throw new ArgumentException("A rolling window snapshot needs at least one bucket.", nameof(snapshot));
        }

        var window = new RollingWindow<T>(snapshot.BucketWidth, snapshot.Buckets.Length) { _newest = snapshot.NewestBucket };
        if (snapshot.NewestBucket != long.MinValue)
        {
            for (var i = 0; i < snapshot.Buckets.Length; i++)
            {
                var index = snapshot.NewestBucket - snapshot.Buckets.Length + 1 + i;
                window._buckets[window.Slot(index)] = snapshot.Buckets[i];
                window._total += snapshot.Buckets[i];
            }
        }

        return window;
    }

    /// <summary>Adds <paramref name="amount"/> at <paramref name="at"/>; <see langword="false"/> when that is older than the window.</summary>
    public bool Add(DateTimeOffset at, T amount)
    {
        var index = at.UtcTicks / _bucketTicks;
        AdvanceTo(index);
        if (index <= _newest - _buckets.Length)
        {
            return false;
        }

        _buckets[Slot(index)] += amount;
        _total += amount;
        return true;
    }

    /// <summary>The sum over the window that ends with the bucket holding <paramref name="now"/>.</summary>
    public T Sum(DateTimeOffset now)
    {
        AdvanceTo(now.UtcTicks / _bucketTicks);
        return _total;
    }

    public RollingWindowSnapshot<T> ToSnapshot()
    {
        var buckets = new T[_buckets.Length];
        if (_newest != long.MinValue)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = _buckets[Slot(_newest - buckets.Length + 1 + i)];
            }
        }

        return new RollingWindowSnapshot<T>(BucketWidth, _newest, buckets);
    }

    private void AdvanceTo(long index)
    {
        if (index <= _newest)
        {
            return;
        }

        if (_newest == long.MinValue || index - _newest >= _buckets.Length)
        {
            Array.Clear(_buckets);
            _total = default;
        }
        else
        {
            for (var i = _newest + 1; i <= index; i++)
            {
                ref var bucket = ref _buckets[Slot(i)];
                _total -= bucket;
                bucket = default;
            }
        }

        _newest = index;
    }

    private int Slot(long index) => (int)(((index % _buckets.Length) + _buckets.Length) % _buckets.Length);
}
