using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentMesh.Orchestration.Dedup;

/// <summary>
/// One canonical text for every JSON value that means the same, so that equal message bodies hash
/// equal however they were spelled.
/// </summary>
/// <remarks>
/// <para>The canonical form: no insignificant whitespace; object members sorted by the ordinal
/// order of their unescaped UTF-8 names (which is code-point order), members with the same name
/// kept in their original order; strings and names unescaped and re-escaped one fixed way
/// (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: non-ASCII stays UTF-8); arrays in
/// order; <c>true</c>, <c>false</c>, <c>null</c> as they are.</para>
/// <para>Numbers are kept exactly as written: <c>1</c>, <c>1.0</c> and <c>1e0</c> stay different.
/// Normalising them through a double would map distinct large integers (ids above 2^53) to one
/// value and drop a real message as a duplicate; keeping them as written can only miss a
/// duplicate whose sender changed how it prints numbers, which the loops this guards against do
/// not do. Dropping a real message is the worse error.</para>
/// <para>Allocation: member names and sort entries live in pooled arrays; only names that were
/// written with escapes allocate a string to unescape.</para>
/// </remarks>
public static class CanonicalJson
{
    /// <summary>The encoder of the canonical form; fixed, because the canonical bytes are hashed.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    internal static JsonWriterOptions WriterOptions => new() { Encoder = Encoder, Indented = false };

    /// <summary>Writes the canonical form of <paramref name="element"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="element"/> is <c>default(JsonElement)</c>.</exception>
    public static void WriteTo(JsonElement element, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, writer);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteTo(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Undefined:
                throw new ArgumentException("A default JsonElement holds no JSON value to canonicalise.", nameof(element));
            default:
                // Strings are unescaped and re-escaped with the writer's encoder; numbers are
                // copied as written; literals are literals.
                element.WriteTo(writer);
                break;
        }
    }

    public static string ToCanonicalString(JsonElement element) => Encoding.UTF8.GetString(ToCanonicalUtf8(element));

    public static byte[] ToCanonicalUtf8(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(element, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteObject(JsonElement element, Utf8JsonWriter writer)
    {
        var count = element.GetPropertyCount();
        var nameBytes = 0;
        foreach (var property in element.EnumerateObject())
        {
            nameBytes += JsonMarshal.GetRawUtf8PropertyName(property).Length;
        }

        var members = ArrayPool<Member>.Shared.Rent(count);
        var names = ArrayPool<byte>.Shared.Rent(nameBytes);
        try
        {
            var index = 0;
            var used = 0;
            foreach (var property in element.EnumerateObject())
            {
                // An unescaped name is never longer than its escaped form, so it fits where the
                // raw name was counted.
                var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                var length = raw.Contains((byte)'\\')
                    ? Encoding.UTF8.GetBytes(property.Name, names.AsSpan(used))
                    : Copy(raw, names.AsSpan(used));
                members[index] = new Member(names, used, length, index, property.Value);
                used += length;
                index++;
            }

            var sorted = members.AsSpan(0, count);
            sorted.Sort(MemberOrder);
            writer.WriteStartObject();
            foreach (ref readonly var member in sorted)
            {
                writer.WritePropertyName(member.Name);
                WriteTo(member.Value, writer);
            }

            writer.WriteEndObject();
        }
        finally
        {
            // Members hold JsonElements, which reference their document: clear them so the pool
            // does not keep documents alive.
            ArrayPool<Member>.Shared.Return(members, clearArray: true);
            ArrayPool<byte>.Shared.Return(names);
        }
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    // A static comparison is one cached delegate; a comparer struct would be boxed into a new
    // delegate on every sort. So each member carries the buffer its name lives in.
    private static int MemberOrder(Member x, Member y)
    {
        var byName = x.Name.SequenceCompareTo(y.Name);
        return byName != 0 ? byName : x.Index.CompareTo(y.Index);
    }

    private readonly record struct Member(byte[] Names, int NameStart, int NameLength, int Index, JsonElement Value)
    {
        public ReadOnlySpan<byte> Name => Names.AsSpan(NameStart, NameLength);
    }
}
