namespace AgentMesh.Actors.Tests; public class PlaceholderTests { [Fact] public void Works() { (1+1).Should().Be(2); } }
