namespace AgentMesh.Node.Dashboard;

/// <summary>
/// The charting library the dashboard draws with (uPlot, vendored from the npm registry, see
/// <c>Dashboard/vendor/vendor.json</c>), embedded in this assembly so that a page can inline it
/// and work without a network: the dashboard serves it, the simulation report embeds it.
/// </summary>
public static class ChartLibrary
{
    /// <summary>The library's version, as recorded in vendor.json.</summary>
    public const string Version = "1.6.32";

    /// <summary>The minified script; defines the global <c>uPlot</c>.</summary>
    public static string Script => Lazy.Script;

    /// <summary>The library's stylesheet.</summary>
    public static string Stylesheet => Lazy.Stylesheet;

    /// <summary>The library's licence text, to ship beside any page that embeds it.</summary>
    public static string License => Lazy.License;

    private static class Lazy
    {
        internal static readonly string Script = Read("dashboard/vendor/uplot/uPlot.iife.min.js");
        internal static readonly string Stylesheet = Read("dashboard/vendor/uplot/uPlot.min.css");
        internal static readonly string License = Read("dashboard/vendor/uplot/LICENSE");
    }

    internal static string Read(string name)
    {
        using var stream = typeof(ChartLibrary).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded asset '{name}' is missing from {typeof(ChartLibrary).Assembly.GetName().Name}; the build did not embed Dashboard/vendor.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
