using System.CommandLine;
using System.Text.Json.Nodes;
using AgentMesh.Cli.Admin;
using AgentMesh.Cli.Rendering;

namespace AgentMesh.Cli.Commands;

/// <summary><c>agentmesh budget show | set | reset</c>.</summary>
internal static class BudgetCommand
{
    public static Command Create(RemoteOptions remote)
    {
        var command = new Command("budget", "Token and cost budgets per scope: global, node:<name>, agent:<id>, model:<provider>/<model>").WithExamples(
            "agentmesh budget show",
            "agentmesh budget set agent:gpu-box --tokens-per-day 2000000 --cost-per-day 20",
            "agentmesh budget reset agent:gpu-box");
        command.Add(Show(remote));
        command.Add(Set(remote));
        command.Add(Reset(remote));
        return command;
    }

    private static Command Reset(RemoteOptions remote)
    {
        var scope = ScopeArgument();
        var command = remote.AddTo(new Command("reset", """
            Hand a scope back to configuration: the limits set with 'budget set' are dropped, and the
            scope's configured limits (its own entry, or its kind's defaults) are in force again, also
            after restarts. A scope without limits set at runtime stays as it is.
            """) { scope }).WithExamples("agentmesh budget reset agent:gpu-box", "agentmesh budget reset global --json");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = remote.Connect(parseResult);
            var answer = await client.DeleteAsync($"api/budgets/{AdminClient.Segment(parseResult.GetRequiredValue(scope))}", cancellationToken);
            return remote.Show(parseResult, answer, BudgetViews.One);
        });
        return command;
    }

    private static Argument<string> ScopeArgument() =>
        new("scope") { Description = "global, node:<name>, agent:<id> or model:<provider>/<model>" };

    private static Command Show(RemoteOptions remote)
    {
        var command = remote.AddTo(new Command("show", "Every budget scope: its limits, spend per window (tokens in, cached, out; cost) and velocity"))
            .WithExamples("agentmesh budget show", "agentmesh budget show --json");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = remote.Connect(parseResult);
            var answer = await client.GetAsync("api/budgets", cancellationToken);
            return remote.Show(parseResult, answer, BudgetViews.List);
        });
        return command;
    }

    private static Command Set(RemoteOptions remote)
    {
        var scope = ScopeArgument();
        var limits = new (string Field, Option Option)[]
        {
            ("tokensPerDay", new Option<long?>("--tokens-per-day") { Description = "Tokens (uncached input + output) per calendar day", HelpName = "n" }),
            ("costPerDay", new Option<decimal?>("--cost-per-day") { Description = "US dollars per calendar day", HelpName = "usd" }),
            ("tokensPerMonth", new Option<long?>("--tokens-per-month") { Description = "Tokens per calendar month", HelpName = "n" }),
            ("costPerMonth", new Option<decimal?>("--cost-per-month") { Description = "US dollars per calendar month", HelpName = "usd" }),
            ("tokensPerMinute", new Option<long?>("--tokens-per-minute") { Description = "Sustained token velocity", HelpName = "n" }),
            ("spawnsPerHour", new Option<long?>("--spawns-per-hour") { Description = "New sessions per hour", HelpName = "n" }),
        };
        var command = remote.AddTo(new Command("set", """
            Set a scope's limits; a limit not given stays as it is. Reaching 80% of a limit raises an
            alert; going over it stops the offending agent's sessions and suspends it.
            """) { scope }).WithExamples(
            "agentmesh budget set global --cost-per-day 100 --cost-per-month 2000",
            "agentmesh budget set agent:gpu-box --tokens-per-minute 300000 --spawns-per-hour 20",
            "agentmesh budget set model:openai/gpt-4o --tokens-per-day 5000000");
        foreach (var (_, option) in limits)
        {
            command.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var body = new JsonObject();
            foreach (var (field, option) in limits)
            {
                var value = option switch
                {
                    Option<long?> whole => parseResult.GetValue(whole) is { } n ? Checked(option, n) : null,
                    Option<decimal?> money => parseResult.GetValue(money) is { } usd ? Checked(option, usd) : null,
                    _ => null,
                };
                if (value is not null)
                {
                    body[field] = value;
                }
            }

            if (body.Count == 0)
            {
                throw new CliException(ExitCodes.Usage,
                    "nothing to set: give at least one limit, e.g. --tokens-per-day 2000000 (see agentmesh budget set --help)");
            }

            using var client = remote.Connect(parseResult);
            var answer = await client.PutAsync($"api/budgets/{AdminClient.Segment(parseResult.GetRequiredValue(scope))}", body, cancellationToken);
            return remote.Show(parseResult, answer, BudgetViews.One);
        });
        return command;
    }

    private static JsonValue Checked(Option option, long value) =>
        value >= 0 ? JsonValue.Create(value) : throw Negative(option);

    private static JsonValue Checked(Option option, decimal value) =>
        value >= 0 ? JsonValue.Create(value) : throw Negative(option);

    private static CliException Negative(Option option) =>
        new(ExitCodes.Usage, $"{option.Name} must not be negative");
}
