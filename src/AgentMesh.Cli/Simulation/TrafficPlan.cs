using System.Globalization;
using AgentMesh.Orchestration.Ids;

namespace AgentMesh.Cli.Simulation;

/// <summary>
/// A scenario's traffic laid out in time, deterministically from a seed: every link transition and
/// every message delivery, in order. Both runs replay exactly this plan.
/// </summary>
internal sealed class TrafficPlan
{
    private TrafficPlan(IReadOnlyList<TrafficEvent> events, IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>> pollTicks, long newMessageDeliveries)
    {
        Events = events;
        PollTicks = pollTicks;
        NewMessageDeliveries = newMessageDeliveries;
        Sends = events.Count(e => e.Kind == TrafficEventKind.Send);
        Copies = events.Count(e => e.Kind == TrafficEventKind.Send && e.Copy);
    }

    /// <summary>Ordered by time, then by the order they were planned in.</summary>
    public IReadOnlyList<TrafficEvent> Events { get; }

    /// <summary>The poll ticks of each polling agent (the bridge makes a model call at each).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>> PollTicks { get; }

    /// <summary>Message deliveries, copies included.</summary>
    public long Sends { get; }

    /// <summary>Repeated deliveries of a message already sent.</summary>
    public long Copies { get; }

    /// <summary>Distinct messages.</summary>
    public long Messages => Sends - Copies;

    /// <summary>Distinct messages times the agents (not people) that receive each: the model runs new messages call for.</summary>
    public long NewMessageDeliveries { get; }

    public static TrafficPlan Create(Scenario scenario, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var random = new Random(seed);
        var events = new List<TrafficEvent>();
        long sequence = 0;
        var linkUps = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        foreach (var agent in scenario.Agents)
        {
            linkUps[agent.Id] = [TimeSpan.Zero];
            events.Add(new TrafficEvent(TimeSpan.Zero, sequence++, TrafficEventKind.LinkUp, agent.Id));
        }

        foreach (var link in scenario.Links.OrderBy(l => l.Start))
        {
            var end = Min(link.End ?? scenario.Duration, scenario.Duration);
            var t = link.Start;
            while (t < end)
            {
                t += link.Up.Draw(random);
                if (t >= end)
                {
                    break;
                }

                events.Add(new TrafficEvent(t, sequence++, TrafficEventKind.LinkDown, link.Agent));
                t += link.Down.Draw(random);
                if (t >= scenario.Duration)
                {
                    break;
                }

                events.Add(new TrafficEvent(t, sequence++, TrafficEventKind.LinkUp, link.Agent));
                linkUps[link.Agent].Add(t);
            }
        }

        long sendId = 0;
        long newDeliveries = 0;
        foreach (var message in scenario.Messages)
        {
            var end = Min(message.End ?? scenario.Duration, scenario.Duration);
            var times = new List<TimeSpan>();
            if (message.At is { } at)
            {
                times.Add(at);
            }
            else if (message.Every is { } every)
            {
                for (var t = message.Start + every.Draw(random); t < end; t += every.Draw(random))
                {
                    times.Add(t);
                }
            }
            else
            {
                times.AddRange(linkUps[message.To].Where(t => t >= message.Start && t < end));
            }

            var recipients = Recipients(scenario, message);
            var number = 0;
            foreach (var time in times.Where(t => t < scenario.Duration))
            {
                number++;
                foreach (var body in message.Bodies)
                {
                    sendId++;
                    newDeliveries += recipients;
                    var text = body.Replace("{n}", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                    var offsets = new List<TimeSpan> { TimeSpan.Zero };
                    for (var copy = 1; copy < message.Copies; copy++)
                    {
                        offsets.Add(new DurationRange(TimeSpan.Zero, message.CopiesWithin).Draw(random));
                    }

                    offsets.Sort(1, offsets.Count - 1, null);
                    for (var copy = 0; copy < offsets.Count; copy++)
                    {
                        var when = time + offsets[copy];
                        if (when >= scenario.Duration)
                        {
                            continue;
                        }

                        events.Add(new TrafficEvent(when, sequence++, TrafficEventKind.Send, message.From)
                        {
                            To = message.To,
                            Body = text,
                            MessageKind = message.Kind,
                            SessionKey = message.SessionKey,
                            SendId = sendId,
                            Copy = copy > 0,
                        });
                    }
                }
            }
        }

        var ticks = new Dictionary<string, IReadOnlyList<TimeSpan>>(StringComparer.Ordinal);
        foreach (var poll in scenario.Polls)
        {
            var list = new List<TimeSpan>();
            for (var t = poll.Every; t <= scenario.Duration; t += poll.Every)
            {
                list.Add(t);
            }

            ticks[poll.Agent] = list;
        }

        events.Sort(static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Sequence.CompareTo(b.Sequence));
        return new TrafficPlan(events, ticks, newDeliveries);
    }

    /// <summary>The agents a message reaches: every other member of a room, or its one recipient; people do not count.</summary>
    public static IReadOnlyList<ScenarioAgent> Receivers(Scenario scenario, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (RoomName.TryParseAddress(to, out var room, out _))
        {
            return scenario.Agents.Where(a => a.Id != from && a.Rooms.Contains(room.Value) && !a.Human).ToList();
        }

        return scenario.FindAgent(to) is { Human: false } agent ? [agent] : [];
    }

    private static int Recipients(Scenario scenario, ScenarioMessage message) => Receivers(scenario, message.From, message.To).Count;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
