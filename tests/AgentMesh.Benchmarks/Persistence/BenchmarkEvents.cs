using System.Text;
using AgentMesh.Persistence;

namespace AgentMesh.Benchmarks.Persistence;

/// <summary>The entries every persistence benchmark writes: a typical 130-byte event.</summary>
internal static class BenchmarkEvents
{
    public const string Manifest = "bench.message-accepted.v1";
    public const string WriterId = "bench-writer";

    public static readonly byte[] Payload = Encoding.UTF8.GetBytes(
        """{"agentId":"gpu-box","incarnation":"3f2c9a","messageId":12345,"body":"a message of moderate size"}""");

    public static readonly DateTimeOffset Timestamp = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static JournalEntry Entry(PersistenceId persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, Manifest, Payload, Timestamp, WriterId);

    /// <summary>Persistence ids no earlier invocation used, so every append is a fresh one.</summary>
    public static string NewPrefix(string purpose) => $"{purpose}-{Guid.NewGuid():N}";
}
