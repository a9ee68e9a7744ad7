using System.Runtime.InteropServices;

namespace AgentMesh.Benchmarks.Record;

/// <summary>What the figures were measured on, read from the running process and (on Linux) /proc.</summary>
public sealed record MachineDescription(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, string? LoadAverage)
{
    public static MachineDescription Read() => new(
        ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    /// <summary>The 1-, 5- and 15-minute load averages, or null where /proc/loadavg does not exist.</summary>
    public static string? ReadLoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public override string ToString() =>
        $"{Cpu}, {Cores} cores, {MemoryGiB:F0} GiB, {Os}, {Runtime}";

    private static string? ReadCpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
