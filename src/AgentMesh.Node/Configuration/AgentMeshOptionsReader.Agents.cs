using AgentMesh.Orchestration.Ids;
using AgentMesh.Orchestration.Policies;
using Microsoft.Extensions.Configuration;

namespace AgentMesh.Node.Configuration;

/// <summary>
/// <c>AgentMesh:Agents</c>: <c>Defaults</c> changes the fleet's policies, every other entry is an
/// agent (its key is the agent id, or its <c>AgentId</c> setting is) with its changes over them.
/// </summary>
public sealed partial class AgentMeshOptionsReader
{
    /// <summary>The entry of <c>AgentMesh:Agents</c> that changes every agent's policies.</summary>
    public const string AgentDefaultsEntry = "Defaults";

    /// <summary>The setting that names an entry's agent when its key cannot (environment variables cannot carry '-' or '.').</summary>
    public const string AgentIdSetting = "AgentId";

    private static readonly string[] PolicyNames = ["Flap", "Dedup", "Session", "Circuit", "Retry", "Watch"];

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);
    private static readonly TimeSpan OneWeek = TimeSpan.FromDays(7);

    private AgentPolicies ReadAgents()
    {
        var section = _configuration.Root.GetSection(ConfigurationKeys.Agents);
        var defaults = new AgentPolicy();
        var overrides = new Dictionary<string, AgentPolicyOverride>(StringComparer.Ordinal);
        var entryOf = new Dictionary<string, IConfigurationSection>(StringComparer.Ordinal);
        foreach (var entry in section.GetChildren())
        {
            if (IsValueInsteadOfSection(entry, $"must be a section of policies ({string.Join(", ", PolicyNames)}), or {{}} to only make the agent known"))
            {
                continue;
            }

            if (entry.Key.Equals(AgentDefaultsEntry, StringComparison.OrdinalIgnoreCase))
            {
                defaults = CheckedPolicy(new AgentPolicy(), ReadPolicyOverride(entry, isDefaults: true), entry) ?? defaults;
                continue;
            }

            if (AgentIdOf(entry) is not { } id)
            {
                continue;
            }

            var changes = ReadPolicyOverride(entry, isDefaults: false);
            if (entryOf.TryGetValue(id, out var other))
            {
                var (key, value) = FirstSetting(entry);
                Problem(key, value, $"names agent '{id}', which {other.Path} names too: give each agent one entry");
                continue;
            }

            entryOf[id] = entry;
            overrides[id] = changes;
        }

        foreach (var (id, changes) in overrides)
        {
            CheckedPolicy(defaults, changes, entryOf[id]);
        }

        try
        {
            return new AgentPolicies { Defaults = defaults, Overrides = overrides };
        }
        catch (ArgumentException e)
        {
            // Unreachable when every value above was checked; kept so a gap in the checks still fails at start.
            Problem(ConfigurationKeys.Agents, null, e.Message);
            return new AgentPolicies();
        }
    }

    /// <summary>The agent id of an entry: its <c>AgentId</c> setting, else its key; null (with a problem recorded) when it is not an agent id.</summary>
    private string? AgentIdOf(IConfigurationSection entry)
    {
        const string Rule = "1-64 characters of letters, digits, '.', '_' and '-'";
        var named = entry.GetChildren().FirstOrDefault(child => child.Key.Equals(AgentIdSetting, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            if (_configuration.Value(named.Path) is { } id && AgentId.TryCreate(id, out _))
            {
                return id;
            }

            Problem(named.Path, named.Value, $"must be an agent id: {Rule}");
            return null;
        }

        if (AgentId.TryCreate(entry.Key, out _))
        {
            return entry.Key;
        }

        var (key, value) = FirstSetting(entry);
        Problem(key, value,
            $"'{entry.Key}' is not an agent id ({Rule}) nor {AgentDefaultsEntry}; an entry can name its agent with an {AgentIdSetting} setting instead");
        return null;
    }

    /// <summary><paramref name="policy"/> with <paramref name="changes"/> merged over it; null, with a problem recorded, when the merge breaks a rule across fields.</summary>
    private AgentPolicy? CheckedPolicy(AgentPolicy policy, AgentPolicyOverride changes, IConfigurationSection entry)
    {
        AgentPolicy merged;
        try
        {
            merged = policy.With(changes);
        }
        catch (ArgumentException e)
        {
            // Every range is checked as the values are read; this is a safety net for a rule added later.
            var (key, value) = FirstSetting(entry);
            Problem(key, value, e.Message);
            return null;
        }

        if (merged.Retry.MinDelay > merged.Retry.MaxDelay)
        {
            var retry = entry.GetSection("Retry");
            var key = retry.GetSection("MaxDelay").Value is not null ? retry.GetSection("MaxDelay").Path : retry.GetSection("MinDelay").Path;
            Problem(key, _configuration.Value(key),
                $"makes Retry:MinDelay ({Durations.Format(merged.Retry.MinDelay)}) longer than Retry:MaxDelay ({Durations.Format(merged.Retry.MaxDelay)}): the shortest delay must not exceed the longest");
            return null;
        }

        return merged;
    }

    private AgentPolicyOverride ReadPolicyOverride(IConfigurationSection entry, bool isDefaults)
    {
        var changes = new AgentPolicyOverride();
        foreach (var policy in entry.GetChildren())
        {
            if (!isDefaults && policy.Key.Equals(AgentIdSetting, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!PolicyNames.Contains(policy.Key, StringComparer.OrdinalIgnoreCase))
            {
                UnknownName(policy, "a policy", isDefaults ? PolicyNames : [.. PolicyNames, AgentIdSetting]);
                continue;
            }

            if (IsValueInsteadOfSection(policy, $"must be a section of {policy.Key} settings"))
            {
                continue;
            }

            changes = policy.Key.ToLowerInvariant() switch
            {
                "flap" => changes with { Flap = ReadFlap(policy) },
                "dedup" => changes with { Dedup = ReadDedup(policy) },
                "session" => changes with { Session = ReadSession(policy) },
                "circuit" => changes with { Circuit = ReadCircuit(policy) },
                "retry" => changes with { Retry = ReadRetry(policy) },
                _ => changes with { Watch = ReadWatch(policy) },
            };
        }

        return changes;
    }

    private FlapPolicyOverride ReadFlap(IConfigurationSection section)
    {
        CheckNames(section, "a Flap setting", ["Transitions", "Window", "StablePeriod"]);
        return new FlapPolicyOverride
        {
            Transitions = ReadOptionalInt(Key(section, "Transitions"), 2, 1000),
            Window = ReadOptionalDuration(Key(section, "Window"), OneSecond, OneDay, TimeSpan.FromMinutes(2)),
            StablePeriod = ReadOptionalDuration(Key(section, "StablePeriod"), OneSecond, OneDay, TimeSpan.FromSeconds(60)),
        };
    }

    private DedupPolicyOverride ReadDedup(IConfigurationSection section)
    {
        CheckNames(section, "a Dedup setting", ["Cooldown", "MaxEntries"]);
        return new DedupPolicyOverride
        {
            Cooldown = ReadOptionalDuration(Key(section, "Cooldown"), OneSecond, OneWeek, TimeSpan.FromMinutes(5)),
            MaxEntries = ReadOptionalInt(Key(section, "MaxEntries"), 1, 10_000_000),
        };
    }

    private SessionPolicyOverride ReadSession(IConfigurationSection section)
    {
        CheckNames(section, "a Session setting", ["MaxSpawns", "SpawnWindow", "IdleTimeout"]);
        return new SessionPolicyOverride
        {
            MaxSpawns = ReadOptionalInt(Key(section, "MaxSpawns"), 1, 10_000),
            SpawnWindow = ReadOptionalDuration(Key(section, "SpawnWindow"), OneSecond, OneDay, TimeSpan.FromMinutes(10)),
            IdleTimeout = ReadOptionalDuration(Key(section, "IdleTimeout"), OneSecond, OneWeek, TimeSpan.FromMinutes(30)),
        };
    }

    private CircuitPolicyOverride ReadCircuit(IConfigurationSection section)
    {
        CheckNames(section, "a Circuit setting", ["FailureThreshold", "HalfOpenAfter", "DisableHalfOpen"]);
        return new CircuitPolicyOverride
        {
            FailureThreshold = ReadOptionalInt(Key(section, "FailureThreshold"), 1, 1000),
            HalfOpenAfter = ReadOptionalDuration(Key(section, "HalfOpenAfter"), OneSecond, OneDay, TimeSpan.FromMinutes(15)),
            DisableHalfOpen = ReadBoolean(Key(section, "DisableHalfOpen"), false),
        };
    }

    private RetryPolicyOverride ReadRetry(IConfigurationSection section)
    {
        CheckNames(section, "a Retry setting", ["MinDelay", "MaxDelay", "Multiplier", "JitterFraction", "MaxRetries"]);
        return new RetryPolicyOverride
        {
            MinDelay = ReadOptionalDuration(Key(section, "MinDelay"), TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)),
            MaxDelay = ReadOptionalDuration(Key(section, "MaxDelay"), TimeSpan.FromMilliseconds(1), OneDay, TimeSpan.FromMinutes(5)),
            Multiplier = ReadOptionalDouble(Key(section, "Multiplier"), 1, 100),
            JitterFraction = ReadOptionalDouble(Key(section, "JitterFraction"), 0, 1),
            MaxRetries = ReadOptionalInt(Key(section, "MaxRetries"), 0, 1000),
        };
    }

    private WatchPolicyOverride ReadWatch(IConfigurationSection section)
    {
        CheckNames(section, "a Watch setting", ["Interval", "AlertAfterFailures", "MaxDegradedNudgeInterval"]);
        return new WatchPolicyOverride
        {
            Interval = ReadOptionalDuration(Key(section, "Interval"), OneSecond, OneDay, TimeSpan.FromMinutes(10)),
            AlertAfterFailures = ReadOptionalInt(Key(section, "AlertAfterFailures"), 1, 1000),
            MaxDegradedNudgeInterval = ReadOptionalDuration(Key(section, "MaxDegradedNudgeInterval"), OneSecond, OneWeek, TimeSpan.FromHours(2)),
        };
    }

    private static string Key(IConfigurationSection section, string name) => section.Path + ConfigurationPath.KeyDelimiter + name;
}
