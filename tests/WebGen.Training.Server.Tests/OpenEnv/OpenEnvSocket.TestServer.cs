namespace WebGen.Training.Server.Tests;

/// <summary>Connecting to this project's <see cref="TestServer"/>.</summary>
internal sealed partial class OpenEnvSocket
{
    public static Uri AddressOf(TestServer server) => AddressOf(server.Server.BaseAddress);

    public static Task<OpenEnvSocket> ConnectAsync(TestServer server, bool authenticate = true) =>
        ConnectAsync(server.Server.BaseAddress, authenticate ? server.Server.ApiKey : null);
}
