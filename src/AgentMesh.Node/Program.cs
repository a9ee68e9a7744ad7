return await AgentMesh.Node.AgentMeshNode.RunAsync(args, CancellationToken.None);
