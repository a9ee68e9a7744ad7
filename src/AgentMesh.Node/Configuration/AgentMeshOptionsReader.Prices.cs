using System.Globalization;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// <c>AgentMesh:Prices</c>: <c>&lt;provider&gt;/&lt;model&gt;:&lt;price&gt;</c> in US dollars per
/// million tokens. A model of the default table takes the prices given and keeps the others; a new
/// model needs its input and output prices, and its cached-input price defaults to the input price.
/// </summary>
public sealed partial class AgentMeshOptionsReader
{
    /// <summary>The setting that names an entry's model when its key cannot (an environment variable, an array element).</summary>
    public const string ModelSetting = "Model";

    private const decimal MaxPricePerMillion = 10_000m;

    private static readonly string[] PriceNames = ["InputPerMillion", "CachedInputPerMillion", "OutputPerMillion"];

    private PriceTable ReadPrices()
    {
        var defaults = PriceTable.Default;
        var prices = new Dictionary<ModelKey, ModelPrice>();
        var entryOf = new Dictionary<ModelKey, ConfigurationEntry>();
        string[] known = [.. PriceNames, ModelSetting];
        foreach (var entry in Entries(_configuration.Root.GetSection(ConfigurationKeys.Prices)))
        {
            var before = _problems.Count;
            foreach (var field in entry.Fields.Where(field => !known.Contains(field.Name, StringComparer.OrdinalIgnoreCase)))
            {
                UnknownField(field, "a price", known);
            }

            if (entry.Name.Length == 0 && entry.Field(ModelSetting) is null)
            {
                foreach (var field in entry.Fields)
                {
                    Problem(field.Key, field.Value,
                        $"must be a section of one model's prices, {ConfigurationKeys.Prices}:<provider>/<model>:<price>, like {ConfigurationKeys.Prices}:openai/gpt-4.1:InputPerMillion");
                }

                continue;
            }

            if (ModelOf(entry) is not { } model)
            {
                continue;
            }

            if (entryOf.TryGetValue(model, out var other))
            {
                var (key, value) = entry.Anchor;
                Problem(key, value, $"names model {model}, which {other.Key} names too: give each model one entry");
                continue;
            }

            entryOf[model] = entry;
            var input = ReadPrice(entry, "InputPerMillion");
            var cached = ReadPrice(entry, "CachedInputPerMillion");
            var output = ReadPrice(entry, "OutputPerMillion");
            if (_problems.Count > before)
            {
                continue;
            }

            if (defaults.TryGetPrice(model, out var listed))
            {
                prices[model] = new ModelPrice(input ?? listed.InputPerMillion, cached ?? listed.CachedInputPerMillion, output ?? listed.OutputPerMillion);
            }
            else if (input is { } inputPrice && output is { } outputPrice)
            {
                prices[model] = new ModelPrice(inputPrice, cached ?? inputPrice, outputPrice);
            }
            else
            {
                var (key, value) = entry.Anchor;
                var missing = string.Join(" and ", new[] { input is null ? "InputPerMillion" : null, output is null ? "OutputPerMillion" : null }.OfType<string>());
                Problem(key, value, $"prices {model}, which the default price table does not list, so it needs {missing} too");
            }
        }

        return prices.Count == 0 ? defaults : new PriceTable(defaults.Prices.Where(pair => !prices.ContainsKey(pair.Key)).Concat(prices));
    }

    /// <summary>The model of an entry: its <c>Model</c> setting, else its name; null (with a problem recorded) when it is not a model.</summary>
    private ModelKey? ModelOf(ConfigurationEntry entry)
    {
        var named = entry.Field(ModelSetting);
        if (ModelKey.TryParse(named is null ? entry.Name : named.Value, out var model, out var error))
        {
            return model;
        }

        var (key, value) = named is null ? entry.Anchor : (named.Key, named.Value);
        Problem(key, value, named is null ? $"'{entry.Name}' is not a model: {error}" : $"must be a model: {error}");
        return null;
    }

    private decimal? ReadPrice(ConfigurationEntry entry, string name) =>
        entry.Field(name) is { } field
            ? ReadOptional(field.Key,
                value => decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) && price <= MaxPricePerMillion ? price : (decimal?)null,
                Invariant($"must be US dollars per million tokens, a number between 0 and {MaxPricePerMillion}"))
            : null;
}
