using System.Text;
using System.Text.Json;
using AgentMesh.Orchestration.Agents.Events;
using AgentMesh.Orchestration.Dedup;
using AgentMesh.Persistence;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Orchestration.Tests.Dedup;

/// <summary>
/// Fingerprints in journaled events are typed values stored as their 64 hex digits: the form earlier
/// versions wrote as strings, so old journals still read.
/// </summary>
public sealed class StoredFingerprintTests
{
    private static readonly EventSerializer Serializer = new(AgentJournal.Register(new EventManifestRegistry()));
    private static readonly PersistenceId Agent = new("agent-gpu-box");
    private static readonly DateTimeOffset At = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnAcceptedMessage_StoresItsFingerprintsAsLowerCaseHex_AndReadsThemBack()
    {
        var body = JsonSerializer.SerializeToElement("build the thing");
        var fingerprint = MessageFingerprint.Compute("mac-mini", "gpu-box", body);
        var key = MessageFingerprint.ForIdempotencyKey("mac-mini", "k-1");
        var accepted = new InboxMessageAccepted(7, "mac-mini", body, "default", "message", fingerprint, key, At);

        var (manifest, payload) = Serializer.Serialize(accepted);
        using var stored = JsonDocument.Parse(payload);
        stored.RootElement.GetProperty("fingerprint").GetString().Should().Be(fingerprint.ToString());
        stored.RootElement.GetProperty("idempotencyKey").GetString().Should().Be(key.ToString());

        var read = (InboxMessageAccepted)Serializer.Deserialize(Agent, 1, manifest, payload);
        read.Fingerprint.Should().Be(fingerprint);
        read.IdempotencyKey.Should().Be(key);
    }

    [Fact]
    public void AnEventWrittenWithStringFingerprints_ReadsAsTheSameValues()
    {
        const string Hex = "3ce8d02295eabfd731f37082cc04f3cf5a1dfcf8d64d90787dc9207516a2d3bb";
        var payload = Encoding.UTF8.GetBytes(
            $$"""{"messageId":1,"from":"mac-mini","body":"hi","sessionKey":"default","kind":"message","fingerprint":"{{Hex}}","idempotencyKey":null,"at":"2026-11-22T06:00:00+00:00"}""");

        var read = (InboxMessageAccepted)Serializer.Deserialize(Agent, 1, Manifest(), payload);

        read.Fingerprint.Should().Be(MessageFingerprint.Parse(Hex));
        read.IdempotencyKey.Should().BeNull();
    }

    [Theory]
    [InlineData("\"not-hex\"")]
    [InlineData("\"3ce8d022\"")]
    [InlineData("42")]
    public void ACorruptFingerprint_FailsWithTheIdAndSequenceNumber(string fingerprint)
    {
        var payload = Encoding.UTF8.GetBytes(
            $$"""{"messageId":1,"from":"mac-mini","body":"hi","sessionKey":"default","kind":"message","fingerprint":{{fingerprint}},"at":"2026-11-22T06:00:00+00:00"}""");

        var read = () => Serializer.Deserialize(Agent, 12, Manifest(), payload);

        read.Should().Throw<EventDeserializationException>().Which.Message.Should().Contain("agent-gpu-box").And.Contain("12");
    }

    private static string Manifest() =>
        Serializer.Serialize(new InboxMessageAccepted(1, "a", JsonSerializer.SerializeToElement("hi"), "default", "message", default, null, At)).Manifest;
}
