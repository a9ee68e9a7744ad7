namespace AgentMesh.Actors; internal static class Placeholder { }
