using WebGen.Samples.AspNetEmbedding;

await AspNetEmbeddingApp.Build(args).RunAsync();
