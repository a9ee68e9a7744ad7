using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Orchestration.Policies;

/// <summary>
/// The fleet's policies: <see cref="Defaults"/> for every agent, and per agent id the changes
/// merged over them. Setting <see cref="Overrides"/> checks every key is a valid agent id and
/// every override gives values in range, so a configuration mistake fails at start-up, not when
/// that agent first connects.
/// </summary>
public sealed record AgentPolicies
{
    public AgentPolicy Defaults
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Defaults));
            Validate(value, Overrides);
            field = value;
        }
    } = new();

    /// <summary>Agent id → changes for that agent. Keys are compared ordinally, like agent ids.</summary>
    public IReadOnlyDictionary<string, AgentPolicyOverride> Overrides
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Overrides));
            Validate(Defaults, value);
            field = value;
        }
    } = new Dictionary<string, AgentPolicyOverride>(StringComparer.Ordinal);

    /// <summary>The policy for <paramref name="agent"/>: the defaults with its overrides, if any, merged over them.</summary>
    public AgentPolicy For(AgentId agent) =>
        Overrides.TryGetValue(agent.Value, out var changes) ? Defaults.With(changes) : Defaults;

    private static void Validate(AgentPolicy? defaults, IReadOnlyDictionary<string, AgentPolicyOverride>? overrides)
    {
        // Init accessors run in the order the initializer names them; each validates against
        // whatever the other holds at that moment, so the pair is checked once both are set.
        if (defaults is null || overrides is null)
        {
            return;
        }

        foreach (var (key, changes) in overrides)
        {
            if (!AgentId.TryCreate(key, out _, out var error))
            {
                throw new ArgumentException($"A policy override is keyed by '{key}', which is not an agent id: {error}", nameof(Overrides));
            }

            try
            {
                defaults.With(changes);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The policy override for agent '{key}' is invalid: {e.Message}", nameof(Overrides), e);
            }
        }
    }
}
