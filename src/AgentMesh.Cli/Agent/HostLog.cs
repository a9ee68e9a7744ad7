using System.Globalization;

namespace AgentMesh.Cli.Agent;

/// <summary>The agent host's console log: one timestamped line per event, written whole, in order.</summary>
internal sealed class HostLog(TextWriter writer, TimeProvider time)
{
    private readonly Lock _lock = new();

    public void Line(string text)
    {
        var stamp = time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        lock (_lock)
        {
            writer.WriteLine($"{stamp} {text}");
            writer.Flush();
        }
    }
}
