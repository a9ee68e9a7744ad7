namespace AgentMesh.Orchestration.Budgets;

/// <summary>Why a set of budget limits was refused: the field (camelCase, as the admin API names it) and a sentence an operator can act on.</summary>
public sealed record BudgetLimitProblem(string Field, string Message);
