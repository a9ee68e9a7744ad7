using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace AgentMesh.Node.Dashboard;

/// <summary>
/// The dashboard's files, embedded in the node's assembly by its project file (a fresh machine
/// needs nothing but the .NET SDK to build and run a node): <c>Dashboard/wwwroot/index.html</c> is
/// served at <c>/</c>, any other <c>Dashboard/wwwroot/x</c> at <c>/assets/x</c> and
/// <c>Dashboard/vendor/x</c> (third-party code, see vendor.json) at <c>/assets/vendor/x</c>.
/// Read once; immutable afterwards, so it is safe to share between requests.
/// </summary>
public sealed class DashboardAssets
{
    public const string PagePath = "/";
    public const string AssetsPrefix = "/assets/";

    private const string WwwRootResources = "dashboard/wwwroot/";
    private const string VendorResources = "dashboard/vendor/";
    private const string PageResource = WwwRootResources + "index.html";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly FrozenDictionary<string, DashboardAsset> _byPath;

    private DashboardAssets(FrozenDictionary<string, DashboardAsset> byPath) => _byPath = byPath;

    /// <summary>Every asset, the page first.</summary>
    public IReadOnlyList<DashboardAsset> All => [.. _byPath.Values.OrderBy(asset => asset.UrlPath == PagePath ? 0 : 1).ThenBy(asset => asset.UrlPath, StringComparer.Ordinal)];

    /// <summary>The page served at <c>/</c>.</summary>
    public DashboardAsset Page => _byPath[PagePath];

    /// <summary>The node's own assets.</summary>
    public static DashboardAssets Embedded { get; } = Load(typeof(DashboardAssets).Assembly);

    /// <summary>Reads every <c>dashboard/…</c> resource of <paramref name="assembly"/>.</summary>
    /// <exception cref="InvalidOperationException">The assembly has no <c>dashboard/wwwroot/index.html</c>: the build did not embed the dashboard.</exception>
    public static DashboardAssets Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var byPath = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            // MSBuild writes %(RecursiveDir) with the platform's separator.
            var normalized = name.Replace('\\', '/');
            string? urlPath = normalized switch
            {
                PageResource => PagePath,
                _ when normalized.StartsWith(WwwRootResources, StringComparison.Ordinal) => AssetsPrefix + normalized[WwwRootResources.Length..],
                _ when normalized.StartsWith(VendorResources, StringComparison.Ordinal) => AssetsPrefix + "vendor/" + normalized[VendorResources.Length..],
                _ => null,
            };
            if (urlPath is null)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded resource '{name}' is listed but cannot be opened.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            byPath[urlPath] = new DashboardAsset(urlPath, normalized, ContentTypeOf(normalized), content, ETagOf(content));
        }

        if (!byPath.ContainsKey(PagePath))
        {
            throw new InvalidOperationException(
                $"{assembly.GetName().Name} has no embedded '{PageResource}': the build did not embed Dashboard/wwwroot.");
        }

        return new DashboardAssets(byPath.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Finds the asset served at <paramref name="urlPath"/> (case-sensitive, as the files are named).</summary>
    public bool TryGet(string urlPath, out DashboardAsset asset) => _byPath.TryGetValue(urlPath, out asset!);

    /// <summary>
    /// The content type by extension (<c>.js</c> is <c>text/javascript</c>, which module scripts
    /// require); a file without a known extension, such as <c>LICENSE</c>, is plain text.
    /// </summary>
    internal static string ContentTypeOf(string name)
    {
        if (!ContentTypes.TryGetContentType(name, out var type))
        {
            type = "text/plain";
        }

        return type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "image/svg+xml" or "application/manifest+json"
            ? type + "; charset=utf-8"
            : type;
    }

    private static string ETagOf(byte[] content) => $"\"{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16))}\"";
}
