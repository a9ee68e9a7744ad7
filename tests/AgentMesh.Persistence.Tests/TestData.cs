using System.Text;

namespace AgentMesh.Persistence.Tests;

/// <summary>Entries, ids and timestamps for the conformance suites.</summary>
public static class TestData
{
    /// <summary>An instant with an offset and sub-microsecond ticks, to show how stores round it.</summary>
    public static readonly DateTimeOffset Epoch = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_567);

    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    public static PersistenceId NewPersistenceId(string purpose = "pid") => new($"{purpose}-{Guid.NewGuid():N}");

    public static JournalEntry Entry(PersistenceId persistenceId, long sequenceNr, string writerId = "writer-1") =>
        new(persistenceId, sequenceNr, "test.raw.v1", Payload(persistenceId, sequenceNr), Epoch.AddSeconds(sequenceNr), writerId);

    public static JournalEntry[] Entries(PersistenceId persistenceId, long from, long to, string writerId = "writer-1") =>
        Enumerable.Range(0, (int)(to - from + 1)).Select(i => Entry(persistenceId, from + i, writerId)).ToArray();

    public static byte[] Payload(PersistenceId persistenceId, long sequenceNr) =>
        Encoding.UTF8.GetBytes($$"""{"pid":"{{persistenceId}}","seq":{{sequenceNr}}}""");

    /// <summary>What a store returns for <paramref name="timestamp"/>: UTC, rounded down to the microsecond.</summary>
    public static DateTimeOffset Stored(DateTimeOffset timestamp)
    {
        var utc = timestamp.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static async Task<List<JournalEntry>> ReplayAllAsync(
        this IEventJournal journal,
        PersistenceId persistenceId,
        long from = 1,
        long to = long.MaxValue,
        long max = long.MaxValue)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReplayAsync(persistenceId, from, to, max, CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
