using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen.Training.Server.Tests;

public sealed class ApiKeyEndpointFilterTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    [TestCase("127.0.0.1")]
    [TestCase("::1")]
    [TestCase("::ffff:127.0.0.1")]
    public void Without_a_key_loopback_clients_are_served(string remote)
    {
        var filter = new ApiKeyEndpointFilter(null, [], NullLogger<ApiKeyEndpointFilter>.Instance);

        Assert.That(filter.Check(Context(remote)), Is.Null);
    }

    [Test]
    public void Without_a_key_remote_clients_are_refused_even_when_the_app_listens_on_every_address()
    {
        var filter = new ApiKeyEndpointFilter(null, [], NullLogger<ApiKeyEndpointFilter>.Instance);

        var problem = filter.Check(Context("192.0.2.10"));

        Assert.That(problem, Is.InstanceOf<IStatusCodeHttpResult>());
        Assert.That(((IStatusCodeHttpResult)problem!).StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
    }

    [TestCase("Bearer " + Key, true)]
    [TestCase("bearer " + Key, true)]
    [TestCase("Bearer " + Key + "0", false)]
    [TestCase("Bearer " + "0123456789abcdef", false)]
    [TestCase("Basic " + Key, false)]
    [TestCase(Key, false)]
    [TestCase("Bearer ", false)]
    public void With_a_key_only_the_exact_bearer_token_passes_from_any_client(string authorization, bool accepted)
    {
        var filter = new ApiKeyEndpointFilter(Key, [], NullLogger<ApiKeyEndpointFilter>.Instance);
        var context = Context("192.0.2.10");
        context.Request.Headers.Authorization = authorization;

        var problem = filter.Check(context);

        Assert.That(problem is null, Is.EqualTo(accepted));
        if (!accepted)
        {
            Assert.That(((IStatusCodeHttpResult)problem!).StatusCode, Is.EqualTo(StatusCodes.Status401Unauthorized));
            Assert.That(context.Response.Headers.WWWAuthenticate.ToString(), Is.EqualTo("Bearer"));
        }
    }

    private static DefaultHttpContext Context(string remote)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.Host = new HostString("127.0.0.1", 8080);
        context.Request.Path = "/episodes";
        return context;
    }
}
