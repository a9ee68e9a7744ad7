using System.Diagnostics.CodeAnalysis;

namespace AgentMesh.Orchestration.Ids;

/// <summary>
/// What a budget covers, in the text form the admin API and configuration use:
/// <c>global</c>, <c>node:&lt;name&gt;</c>, <c>agent:&lt;id&gt;</c> or
/// <c>model:&lt;provider&gt;/&lt;model&gt;</c>. The constructor parses that form;
/// <see cref="ToString"/> formats it back, so the two round-trip.
/// </summary>
public readonly record struct BudgetScope
{
    public const string AllowedForms = "'global', 'node:<name>', 'agent:<id>' or 'model:<provider>/<model>'";
    public const int MaxNodeNameLength = 64;

    private const string GlobalText = "global";
    private const string NodePrefix = "node:";
    private const string AgentPrefix = "agent:";
    private const string ModelPrefix = "model:";

    /// <summary>Parses the text form; throws an <see cref="ArgumentException"/> that lists the allowed forms.</summary>
    public BudgetScope(string value)
    {
        if (!TryParse(value, out var scope, out var error))
        {
            throw new ArgumentException(error, nameof(value));
        }

        this = scope;
    }

    private BudgetScope(BudgetScopeKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    public static BudgetScope Global { get; } = new(BudgetScopeKind.Global, string.Empty);

    public BudgetScopeKind Kind { get; }

    /// <summary>
    /// The node name, the agent id or the model's <c>provider/model</c>; empty for <c>global</c>.
    /// </summary>
    public string Name { get; }

    public static BudgetScope ForNode(string nodeName)
    {
        if (!IdText.IsToken(nodeName, MaxNodeNameLength, "A node name", out var reason))
        {
            throw new ArgumentException(reason, nameof(nodeName));
        }

        return new BudgetScope(BudgetScopeKind.Node, nodeName);
    }

    public static BudgetScope ForAgent(AgentId agent) => new(BudgetScopeKind.Agent, agent.Value);

    public static BudgetScope ForModel(ModelKey model) => new(BudgetScopeKind.Model, model.ToString());

    /// <summary>Parses without throwing; <paramref name="error"/> says why, listing the allowed forms.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out BudgetScope scope, [NotNullWhen(false)] out string? error)
    {
        scope = default;
        string? reason;
        if (value == GlobalText)
        {
            scope = Global;
            error = null;
            return true;
        }

        if (value is null)
        {
            reason = "got nothing";
        }
        else if (value.StartsWith(NodePrefix, StringComparison.Ordinal))
        {
            if (IdText.IsToken(value[NodePrefix.Length..], MaxNodeNameLength, "A node name", out reason))
            {
                scope = new BudgetScope(BudgetScopeKind.Node, value[NodePrefix.Length..]);
            }
        }
        else if (value.StartsWith(AgentPrefix, StringComparison.Ordinal))
        {
            if (AgentId.TryCreate(value[AgentPrefix.Length..], out var agent, out reason))
            {
                scope = ForAgent(agent);
            }
        }
        else if (value.StartsWith(ModelPrefix, StringComparison.Ordinal))
        {
            if (ModelKey.TryParse(value[ModelPrefix.Length..], out var model, out reason))
            {
                scope = ForModel(model);
            }
        }
        else
        {
            reason = $"'{value}' has none of these forms";
        }

        if (reason is null)
        {
            error = null;
            return true;
        }

        error = $"A budget scope must be {AllowedForms}: {reason}";
        return false;
    }

    public override string ToString() => Kind switch
    {
        BudgetScopeKind.Global => GlobalText,
        BudgetScopeKind.Node => NodePrefix + Name,
        BudgetScopeKind.Agent => AgentPrefix + Name,
        BudgetScopeKind.Model => ModelPrefix + Name,
        _ => Kind.ToString(),
    };
}
