using AgentMesh.Orchestration.Agents;

namespace AgentMesh.Orchestration.Tests.Agents;

public sealed class PendingIdsTests
{
    [Fact]
    public void IdsTakenInOrder_AndHandedOverOldestFirst_KeepTheirOrder()
    {
        var ids = new PendingIds();
        for (var id = 1L; id <= 100; id++)
        {
            ids.Add(id).Should().BeTrue();
        }

        for (var id = 1L; id <= 60; id++)
        {
            ids.Remove(id).Should().BeTrue();
        }

        ids.Count.Should().Be(40);
        ids.Min.Should().Be(61);
        ids.FirstAfter(75).Should().Be(76);
        ids.FirstAfter(100).Should().Be(0);
    }

    [Fact]
    public void Empty_HasNoMin_AndRemovesNothing()
    {
        var ids = new PendingIds();

        ids.Min.Should().Be(0);
        ids.FirstAfter(0).Should().Be(0);
        ids.Remove(1).Should().BeFalse();
        ids.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void AnyMixOfAddsAndRemoves_AgreesWithASortedSet(int seed)
    {
        var random = new Random(seed);
        var ids = new PendingIds();
        var model = new SortedSet<long>();
        var next = 1L;
        for (var step = 0; step < 20_000; step++)
        {
            var roll = random.Next(10);
            long id = roll switch
            {
                < 5 => next++,                                                   // a new message, at the end
                5 => random.NextInt64(1, next + 1),                              // out of order, or already there
                6 or 7 when model.Count > 0 => model.Min,                        // handed over oldest first
                8 when model.Count > 0 => model.ElementAt(random.Next(model.Count)), // leaves from the middle
                _ => random.NextInt64(1, next + 1),                              // maybe not there
            };

            var added = roll is < 6 ? ids.Add(id) : ids.Remove(id);
            var expected = roll is < 6 ? model.Add(id) : model.Remove(id);
            added.Should().Be(expected, $"step {step}, id {id}");
            ids.Count.Should().Be(model.Count);
            ids.Min.Should().Be(model.Count > 0 ? model.Min : 0);
            var after = random.NextInt64(0, next + 1);
            ids.FirstAfter(after).Should().Be(model.GetViewBetween(after + 1, long.MaxValue).Min, $"step {step}, after {after}");
        }
    }
}
