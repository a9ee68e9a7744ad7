using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using static AgentMesh.Cli.Rendering.StateStyles;

namespace AgentMesh.Cli.Rendering;

/// <summary>
/// Budgets (<c>GET /api/budgets</c>, <c>PUT /api/budgets/{scope}</c>) rendered from whatever fields
/// the node sends: one table per scope, every field flattened to a dotted path (<c>limits.tokensPerDay</c>,
/// <c>spend.day.inputTokens</c>), costs in dollars, nulls as "none". The shape is owned by the budgets
/// code and may grow; nothing here names a field but the scope's.
/// </summary>
internal static class BudgetViews
{
    private static readonly string[] ScopeFields = ["scope", "name", "id"];

    public static IRenderable List(JsonElement answer)
    {
        var budgets = answer.Items("budgets").ToList();
        if (budgets.Count == 0)
        {
            return new Text("No budgets yet: set one with: agentmesh budget set <scope> --tokens-per-day N" + Environment.NewLine);
        }

        return new Rows(budgets.Select(One));
    }

    public static IRenderable One(JsonElement budget)
    {
        var scope = ScopeFields.Select(field => budget.Text(field)).FirstOrDefault(text => text is not null) ?? "budget";
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(scope)).AddColumns("FIGURE", "VALUE");
        table.Columns[1].RightAligned();
        if (budget.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in budget.EnumerateObject().Where(property => !ScopeFields.Contains(property.Name)))
            {
                Flatten(table, property.Name, property.Value);
            }
        }

        return table;
    }

    private static void Flatten(Table table, string path, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Flatten(table, $"{path}.{property.Name}", property.Value);
                }

                break;
            case JsonValueKind.Array when value.EnumerateArray().All(item => item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                table.AddRow(Cell(path), Cell(string.Join(", ", value.EnumerateArray().Select(JsonFields.Format))));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Flatten(table, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]", item);
                    index++;
                }

                break;
            case JsonValueKind.Null:
                table.AddRow(Cell(path), Cell("none", new Style(Color.Grey)));
                break;
            default:
                table.AddRow(Cell(path), Cell(IsMoney(path) && value.ValueKind == JsonValueKind.Number
                    ? JsonFields.Usd(value.GetDecimal())
                    : JsonFields.Format(value)));
                break;
        }
    }

    private static bool IsMoney(string path)
    {
        var last = path[(path.LastIndexOf('.') + 1)..];
        return last.Contains("cost", StringComparison.OrdinalIgnoreCase) || last.Contains("usd", StringComparison.OrdinalIgnoreCase);
    }
}
