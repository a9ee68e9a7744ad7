using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentMesh.Orchestration.Dedup;
using FsCheck;
using FsCheck.Fluent;

namespace AgentMesh.Orchestration.Tests.Dedup;

public sealed class MessageFingerprintTests
{
    [Fact]
    public void MessageFingerprint_IsEqual_ForTheSameObjectSpelledDifferently()
    {
        Fingerprint("gpu-box", "mac-mini", """{"a":1,"b":2}""")
            .Should().Be(Fingerprint("gpu-box", "mac-mini", """{ "b":2, "a":1 }"""));
    }

    [Fact]
    public void MessageFingerprint_OfATextBody_EqualsThatOfTheJsonString()
    {
        MessageFingerprint.Compute("gpu-box", "mac-mini", "hi")
            .Should().Be(Fingerprint("gpu-box", "mac-mini", "\"hi\""));
        MessageFingerprint.Compute("gpu-box", "mac-mini", "é \"quoted\"\n")
            .Should().Be(Fingerprint("gpu-box", "mac-mini", "\"\\u00e9 \\\"quoted\\\"\\n\""));
    }

    [Fact]
    public void MessageFingerprint_Differs_WhenSenderRecipientOrBodyDiffers()
    {
        var original = Fingerprint("gpu-box", "mac-mini", """{"a":1}""");

        Fingerprint("other", "mac-mini", """{"a":1}""").Should().NotBe(original);
        Fingerprint("gpu-box", "room:ops", """{"a":1}""").Should().NotBe(original);
        Fingerprint("gpu-box", "mac-mini", """{"a":2}""").Should().NotBe(original);
        Fingerprint("gpu-box", "mac-mini", """{"a":1.0}""").Should().NotBe(original);
    }

    [Fact]
    public void MessageFingerprint_KeepsTheFieldBoundaries()
    {
        MessageFingerprint.Compute("ab", "c", "x").Should().NotBe(MessageFingerprint.Compute("a", "bc", "x"));
    }

    [Fact]
    public void MessageFingerprint_ForIdempotencyKey_NeverEqualsAMessageFingerprint()
    {
        var key = MessageFingerprint.ForIdempotencyKey("gpu-box", "ref-1");

        key.Should().Be(MessageFingerprint.ForIdempotencyKey("gpu-box", "ref-1"));
        key.Should().NotBe(MessageFingerprint.ForIdempotencyKey("mac-mini", "ref-1"));
        MessageFingerprint.Compute("gpu-box", "ref-1", "").Should().NotBe(key);
    }

    [Fact]
    public void MessageFingerprint_IsTheSha256OfTheDocumentedLayout()
    {
        var canonical = """{"a":1,"b":[true,null,"x"]}"""u8.ToArray();
        var expected = SHA256.HashData(
            [1, .. Field("gpu-box"), .. Field("mac-mini"), .. canonical]);

        var fingerprint = Fingerprint("gpu-box", "mac-mini", """{ "b": [true, null, "x"], "a": 1 }""");

        fingerprint.ToString().Should().Be(Convert.ToHexStringLower(expected));
    }

    [Fact]
    public void MessageFingerprint_RoundTripsThroughHex()
    {
        var fingerprint = Fingerprint("gpu-box", "mac-mini", "[1,2,3]");

        MessageFingerprint.Parse(fingerprint.ToString()).Should().Be(fingerprint);
        MessageFingerprint.TryParse("abc", out _).Should().BeFalse();
        MessageFingerprint.TryParse(new string('g', 64), out _).Should().BeFalse();
    }

    [Fact]
    public void MessageFingerprint_IsIndependentOfMemberOrder_ForAnyShuffle()
    {
        var members = Gen.Choose(1, 12).SelectMany(count =>
            Gen.ArrayOf(Gen.Elements("a", "b", "é", "Z", "_x", "a1", "ab", "\u00e0", "k\"q"), count)
                .Select(names => names.Distinct().ToArray())
                .SelectMany(names => Gen.Shuffle(names).Select(shuffled => (names, shuffled))));

        Prop.ForAll(members.ToArbitrary(), pair =>
                Fingerprint("s", "r", Json(pair.names)) == Fingerprint("s", "r", Json(pair.shuffled)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MessageFingerprint_Compute_AllocatesNothing_OnceWarm()
    {
        using var document = JsonDocument.Parse("""{"type":"note","text":"build passed","n":[1,2,3],"meta":{"z":1,"a":2}}""");
        var body = document.RootElement;
        MessageFingerprint.Compute("gpu-box", "mac-mini", body);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            MessageFingerprint.Compute("gpu-box", "mac-mini", body);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    private static string Json(string[] names) =>
        "{" + string.Join(",", names.Select(n => $"{JsonSerializer.Serialize(n)}:{JsonSerializer.Serialize(n)}")) + "}";

    private static byte[] Field(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var field = new byte[4 + bytes.Length];
        BinaryPrimitives.WriteInt32BigEndian(field, bytes.Length);
        bytes.CopyTo(field, 4);
        return field;
    }

    private static MessageFingerprint Fingerprint(string sender, string recipient, string json)
    {
        using var document = JsonDocument.Parse(json);
        return MessageFingerprint.Compute(sender, recipient, document.RootElement);
    }
}
