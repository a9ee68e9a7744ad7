using System.Text;
using System.Text.Json;
using AgentMesh.Persistence.Serialization;

namespace AgentMesh.Persistence.Tests.Serialization;

public class EventSerializerTests
{
    private static readonly PersistenceId Agent = new("agent:gpu-box");
    private readonly EventSerializer _serializer = TestEvents.Serializer;

    [Fact]
    public void Serialize_RegisteredEvent_UsesItsManifestAndRoundTrips()
    {
        var welcome = new WelcomeSent("gpu-box", "inc-7");

        var (manifest, payload) = _serializer.Serialize(welcome);

        manifest.Should().Be("agent.welcome-sent.v1");
        Encoding.UTF8.GetString(payload).Should().Be("""{"AgentId":"gpu-box","Incarnation":"inc-7"}""");
        _serializer.Deserialize(Agent, 1, manifest, payload).Should().Be(welcome);
    }

    [Fact]
    public void ToJournalEntry_CarriesManifestPayloadAndCallerMetadata()
    {
        var entry = _serializer.ToJournalEntry(Agent, 4, new MessageAccepted("gpu-box", 12, "ab"), TestData.Epoch, "inc-7");

        entry.Should().BeEquivalentTo(new
        {
            PersistenceId = Agent,
            SequenceNr = 4L,
            Manifest = TestEvents.MessageAcceptedManifest,
            Timestamp = TestData.Epoch,
            WriterId = "inc-7",
        });
        _serializer.Deserialize(entry).Should().Be(new MessageAccepted("gpu-box", 12, "ab"));
    }

    [Fact]
    public void Serialize_UnregisteredType_IsRejectedNamingTheType()
    {
        var act = () => _serializer.Serialize(new NeverRegistered("x"));

        act.Should().Throw<EventRejectedException>()
            .Where(e => e.EventType == typeof(NeverRegistered))
            .WithMessage("*NeverRegistered*not registered*");
    }

    [Fact]
    public void Deserialize_UnknownManifest_NamesPersistenceIdAndSequenceNr()
    {
        var act = () => _serializer.Deserialize(Agent, 42, "agent.renamed-away.v1", "{}"u8);

        act.Should().Throw<EventDeserializationException>()
            .Where(e => e.PersistenceId == Agent && e.SequenceNr == 42 && e.Manifest == "agent.renamed-away.v1")
            .WithMessage("*42*agent:gpu-box*agent.renamed-away.v1*not registered*");
    }

    [Theory]
    [InlineData("{\"AgentId\":\"gpu-box\",\"Incarn")] // torn
    [InlineData("not json at all")]
    [InlineData("{\"AgentId\":\"gpu-box\"}")] // a required member is missing
    [InlineData("{\"AgentId\":null,\"Incarnation\":\"i\"}")] // null where the type says non-null
    [InlineData("null")]
    public void Deserialize_CorruptPayload_NamesPersistenceIdAndSequenceNr(string payload)
    {
        var act = () => _serializer.Deserialize(Agent, 7, TestEvents.WelcomeSentManifest, Encoding.UTF8.GetBytes(payload));

        act.Should().Throw<EventDeserializationException>()
            .Where(e => e.PersistenceId == Agent && e.SequenceNr == 7)
            .WithMessage("Entry 7 of persistence id 'agent:gpu-box'*");
    }

    [Theory]
    [InlineData("AgentMesh.Orchestration.WelcomeSent")] // a CLR type name
    [InlineData("agent.welcome-sent")] // no version
    [InlineData("Agent.WelcomeSent.v1")] // upper case
    [InlineData("agent welcome.v1")]
    [InlineData("")]
    public void Register_MalformedManifest_IsRefused(string manifest)
    {
        var act = () => new EventManifestRegistry().Register(manifest, TestEvents.Context.WelcomeSent);

        act.Should().Throw<ArgumentException>().WithMessage("*manifest*");
    }

    [Fact]
    public void Register_SameManifestTwice_IsRefused()
    {
        var act = () => TestEvents.Registry().Register(TestEvents.WelcomeSentManifest, TestEvents.Context.NeverRegistered);

        act.Should().Throw<ArgumentException>().WithMessage("*agent.welcome-sent.v1*already registered*");
    }

    [Fact]
    public void Register_SameTypeTwice_IsRefused()
    {
        var act = () => TestEvents.Registry().Register("agent.welcome-sent.v2", TestEvents.Context.WelcomeSent);

        act.Should().Throw<ArgumentException>().WithMessage("*WelcomeSent*already registered*");
    }

    [Fact]
    public void Register_ReflectionBasedMetadata_IsRefused()
    {
        var reflection = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<WelcomeSent>)
            JsonSerializerOptions.Default.GetTypeInfo(typeof(WelcomeSent));

        var act = () => new EventManifestRegistry().Register("agent.welcome-sent.v1", reflection);

        act.Should().Throw<ArgumentException>().WithMessage("*source-generated*");
    }
}
