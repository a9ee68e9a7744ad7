using System.Globalization;
using AgentMesh.Orchestration.Budgets;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// <c>AgentMesh:Budgets</c>: <c>&lt;scope&gt;:&lt;limit&gt;</c> for one scope
/// (<c>agent:gpu-box:TokensPerDay</c>) and <c>Defaults:&lt;kind&gt;:&lt;limit&gt;</c> for every
/// scope of a kind. A scope's limits are its kind's defaults with the configured ones merged over
/// them; <c>none</c> removes a limit.
/// </summary>
public sealed partial class AgentMeshOptionsReader
{
    private const decimal MaxCost = 1_000_000_000m;

    /// <summary>The entry prefix of per-kind defaults: <c>Defaults:agent</c>.</summary>
    public const string BudgetDefaultsEntry = "Defaults";

    /// <summary>The setting that names an entry's scope when its key cannot (an environment variable, an array element).</summary>
    public const string ScopeSetting = "Scope";

    private static readonly string[] BudgetLimitNames =
        ["TokensPerDay", "TokensPerMonth", "CostPerDayUsd", "CostPerMonthUsd", "TokensPerMinute", "VelocitySpan", "SpawnsPerHour", "SoftFraction"];

    private static readonly string[] ScopeKindNames = ["global", "node", "agent", "model"];

    private BudgetOptions ReadBudgets()
    {
        var section = _configuration.Root.GetSection(ConfigurationKeys.Budgets);
        var defaults = new Dictionary<BudgetScopeKind, BudgetLimits>();
        var scoped = new List<(BudgetScope Scope, ConfigurationEntry Entry)>();
        foreach (var entry in Entries(section))
        {
            if (entry.Name.Length == 0)
            {
                foreach (var field in entry.Fields)
                {
                    Problem(field.Key, field.Value,
                        $"must be a section of limits of one scope, {ConfigurationKeys.Budgets}:<scope>:<limit>, like {ConfigurationKeys.Budgets}:global:TokensPerDay");
                }

                continue;
            }

            var isDefaults = entry.Name.StartsWith(BudgetDefaultsEntry + ":", StringComparison.OrdinalIgnoreCase);
            var known = isDefaults ? BudgetLimitNames : [.. BudgetLimitNames, ScopeSetting];
            foreach (var field in entry.Fields.Where(field => !known.Contains(field.Name, StringComparer.OrdinalIgnoreCase)))
            {
                UnknownField(field, "a budget limit", known);
            }

            if (isDefaults)
            {
                var kindName = entry.Name[(BudgetDefaultsEntry.Length + 1)..];
                if (Array.FindIndex(ScopeKindNames, name => name.Equals(kindName, StringComparison.OrdinalIgnoreCase)) is var kind and >= 0)
                {
                    defaults[(BudgetScopeKind)kind] = ReadLimits(entry, BudgetLimits.DefaultFor((BudgetScopeKind)kind)) ?? BudgetLimits.DefaultFor((BudgetScopeKind)kind);
                }
                else
                {
                    var (key, value) = entry.Anchor;
                    Problem(key, value, $"'{kindName}' is not a kind of budget scope: must be one of {string.Join(", ", ScopeKindNames)}");
                }
            }
            else if (ScopeOf(entry) is { } scope)
            {
                scoped.Add((scope, entry));
            }
        }

        var scopes = new Dictionary<BudgetScope, BudgetLimits>();
        var entryOf = new Dictionary<BudgetScope, ConfigurationEntry>();
        foreach (var (scope, entry) in scoped)
        {
            if (entryOf.TryGetValue(scope, out var other))
            {
                var (key, value) = entry.Anchor;
                Problem(key, value, $"names scope {scope}, which {other.Key} names too: give each scope one entry");
                continue;
            }

            entryOf[scope] = entry;
            var kindDefaults = defaults.TryGetValue(scope.Kind, out var byKind) ? byKind : BudgetLimits.DefaultFor(scope.Kind);
            if (ReadLimits(entry, kindDefaults) is { } limits)
            {
                scopes[scope] = limits;
            }
        }

        try
        {
            return new BudgetOptions { Defaults = defaults, Scopes = scopes };
        }
        catch (ArgumentException e)
        {
            // Unreachable when every entry above was checked; kept so a gap in the checks still fails at start.
            Problem(ConfigurationKeys.Budgets, null, e.Message);
            return new BudgetOptions();
        }
    }

    /// <summary>The scope of an entry: its <c>Scope</c> setting, else its name; null (with a problem recorded) when it is not a scope.</summary>
    private BudgetScope? ScopeOf(ConfigurationEntry entry)
    {
        var named = entry.Field(ScopeSetting);
        var text = named is null ? entry.Name : named.Value;
        if (BudgetScope.TryParse(WithLowerCaseKind(text), out var scope, out var error))
        {
            return scope;
        }

        var (key, value) = named is null ? entry.Anchor : (named.Key, named.Value);
        Problem(key, value, named is null
            ? $"'{entry.Name}' is not a budget scope: {error}"
            : $"must be a budget scope: {error}");
        return null;

        // Configuration keys ignore case, and environment variables are often upper-case: GLOBAL, AGENT:gpu-box.
        static string WithLowerCaseKind(string scope)
        {
            var colon = scope.IndexOf(':', StringComparison.Ordinal);
            var kind = colon < 0 ? scope : scope[..colon];
            return ScopeKindNames.Contains(kind, StringComparer.OrdinalIgnoreCase) ? kind.ToLowerInvariant() + scope[kind.Length..] : scope;
        }
    }

    /// <summary>
    /// <paramref name="inherited"/> with the entry's limits merged over it, checked as
    /// <see cref="BudgetLimitsInput.TryBuild"/> checks a <c>PUT</c>; null when any is wrong (each recorded).
    /// </summary>
    private BudgetLimits? ReadLimits(ConfigurationEntry entry, BudgetLimits inherited)
    {
        var input = BudgetLimitsInput.From(inherited);
        var before = _problems.Count;
        const string TokensRule = "must be a positive whole number of tokens";
        const string CostRule = "must be a positive number of US dollars, at most 1000000000";
        foreach (var field in entry.Fields)
        {
            input = field.Name.ToLowerInvariant() switch
            {
                "tokensperday" => input with { TokensPerDay = Limit(field, input.TokensPerDay, ParseTokens, TokensRule) },
                "tokenspermonth" => input with { TokensPerMonth = Limit(field, input.TokensPerMonth, ParseTokens, TokensRule) },
                "costperdayusd" => input with { CostPerDayUsd = Limit(field, input.CostPerDayUsd, ParseCost, CostRule) },
                "costpermonthusd" => input with { CostPerMonthUsd = Limit(field, input.CostPerMonthUsd, ParseCost, CostRule) },
                "tokensperminute" => input with { TokensPerMinute = Limit(field, input.TokensPerMinute, ParseTokens, TokensRule) },
                "spawnsperhour" => input with
                {
                    SpawnsPerHour = Limit(field, input.SpawnsPerHour, value => ParseTokens(value) is { } n && n <= int.MaxValue ? (int)n : null, "must be a positive whole number"),
                },
                "velocityspan" => input with
                {
                    VelocitySpan = ReadOptionalDuration(field.Key, BudgetLimits.MinVelocitySpan, BudgetLimits.MaxVelocitySpan, TimeSpan.FromMinutes(5)) ?? input.VelocitySpan,
                },
                "softfraction" => input with { SoftFraction = ReadOptionalDecimal(field.Key, 0m, 1m, minExclusive: true) ?? input.SoftFraction },
                _ => input,
            };
        }

        if (_problems.Count > before)
        {
            return null;
        }

        if (input.TryBuild(out var limits, out var problems))
        {
            return limits;
        }

        foreach (var problem in problems)
        {
            // The fields' ranges were checked above, so what is left are rules across fields; the
            // field may be inherited from the defaults, then the entry is named as a whole.
            var (key, value) = entry.Field(problem.Field) is { } field ? (field.Key, field.Value) : entry.Anchor;
            Problem(key, value, problem.Message);
        }

        return null;

        static long? ParseTokens(string value) =>
            long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens > 0 ? tokens : null;

        static decimal? ParseCost(string value) =>
            decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cost) && cost > 0m && cost <= MaxCost ? cost : null;
    }

    /// <summary>
    /// A limit's new value: none for <c>none</c>, the parsed value, or <paramref name="current"/> when the
    /// setting is empty or does not parse (then the problem is recorded).
    /// </summary>
    private T? Limit<T>(ConfigurationField field, T? current, Func<string, T?> parse, string requirement)
        where T : struct
    {
        if (field.Value.Trim().Equals(NoLimit, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ReadOptional(field.Key, parse, $"{requirement}, or {NoLimit} for no limit") ?? current;
    }

    private void UnknownField(ConfigurationField field, string what, IReadOnlyList<string> known)
    {
        var guess = known
            .Select(name => (Name: name, Distance: EditDistance(name.ToLowerInvariant(), field.Name.ToLowerInvariant())))
            .MinBy(candidate => candidate.Distance);
        var hint = guess.Distance <= 3 ? $"; did you mean {guess.Name}?" : "";
        Problem(field.Key, field.Value, $"'{field.Name}' is not {what}: must be one of {string.Join(", ", known)}{hint}");
    }
}
