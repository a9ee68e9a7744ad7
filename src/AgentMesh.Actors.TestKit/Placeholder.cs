namespace AgentMesh.Actors.TestKit; internal static class Placeholder { }
