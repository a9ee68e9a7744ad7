using System.Collections.Concurrent;

namespace AgentMesh.Node.Domain;

/// <summary>
/// Per agent, the tokens reported in each <see cref="BucketLength"/> over the last <see cref="Span"/>:
/// what the dashboard's token-velocity chart starts from (it adds the live <c>usage</c> events after).
/// Written by <see cref="EventBridge"/> from the agents' usage notices, read by
/// <c>GET /api/agents/{id}/velocity</c>. Memory only, by design: a node restart starts every series
/// empty; the budgets keep the durable tallies. Bounded: <see cref="Span"/> / <see cref="BucketLength"/>
/// buckets per agent.
/// </summary>
public sealed class TokenVelocityHistory(TimeProvider timeProvider)
{
    public static readonly TimeSpan BucketLength = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Span = TimeSpan.FromMinutes(30);

    private static readonly int BucketCount = (int)(Span / BucketLength);

    private readonly ConcurrentDictionary<string, Buckets> _agents = new(StringComparer.Ordinal);

    /// <summary>Adds one usage report at <paramref name="at"/>; a report older than the span is ignored.</summary>
    public void Record(string agentId, DateTimeOffset at, long inputTokens, long cachedInputTokens, long outputTokens)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        _agents.GetOrAdd(agentId, _ => new Buckets()).Add(BucketIndex(at), inputTokens, cachedInputTokens, outputTokens);
    }

    /// <summary>The series up to now; every bucket is present, an agent never heard of has only zeros.</summary>
    public TokenVelocitySeries Read(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        var last = BucketIndex(timeProvider.GetUtcNow());
        var first = last - BucketCount + 1;
        var points = _agents.TryGetValue(agentId, out var buckets)
            ? buckets.Read(first, last)
            : [.. Enumerable.Range(0, BucketCount).Select(offset => new TokenVelocityPoint(StartOf(first + offset), 0, 0, 0))];
        return new TokenVelocitySeries(agentId, (int)BucketLength.TotalSeconds, points);
    }

    private static long BucketIndex(DateTimeOffset at) => at.UtcTicks / BucketLength.Ticks;

    private static DateTimeOffset StartOf(long index) => new(index * BucketLength.Ticks, TimeSpan.Zero);

    /// <summary>A ring of buckets; slot <c>index % count</c> holds bucket <c>index</c> while its stored index matches.</summary>
    private sealed class Buckets
    {
        private readonly Lock _lock = new();
        private readonly long[] _index = new long[BucketCount];
        private readonly long[] _input = new long[BucketCount];
        private readonly long[] _cached = new long[BucketCount];
        private readonly long[] _output = new long[BucketCount];

        public Buckets() => Array.Fill(_index, -1);

        public void Add(long index, long input, long cached, long output)
        {
            var slot = (int)(index % BucketCount);
            lock (_lock)
            {
                if (_index[slot] > index)
                {
                    return; // older than the span: its slot already holds a newer bucket
                }

                if (_index[slot] != index)
                {
                    _index[slot] = index;
                    _input[slot] = _cached[slot] = _output[slot] = 0;
                }

                _input[slot] += input;
                _cached[slot] += cached;
                _output[slot] += output;
            }
        }

        public List<TokenVelocityPoint> Read(long first, long last)
        {
            var points = new List<TokenVelocityPoint>(BucketCount);
            lock (_lock)
            {
                for (var index = first; index <= last; index++)
                {
                    var slot = (int)(index % BucketCount);
                    points.Add(_index[slot] == index
                        ? new TokenVelocityPoint(StartOf(index), _input[slot], _cached[slot], _output[slot])
                        : new TokenVelocityPoint(StartOf(index), 0, 0, 0));
                }
            }

            return points;
        }
    }
}
