using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace WebGen.Samples.AspNetEmbedding;

/// <summary>
/// Authentication is the app's own: WebGen's endpoints come as a route group the app protects. This sample trades a shared
/// access key for an HttpOnly, SameSite=Strict session cookie, because a browser's <c>EventSource</c> and <c>&lt;img&gt;</c> cannot send
/// an <c>Authorization</c> header but do send cookies. A real app plugs its own scheme (OpenID Connect, Entra ID, …) the same way.
/// </summary>
internal static class SessionEndpoints
{
    public static void AddSampleAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "webgen-sample";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);

                // An API answers 401/403 instead of redirecting to a login page.
                o.Events.OnRedirectToLogin = c => Status(c.Response, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => Status(c.Response, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization();
    }

    public static void MapSession(this IEndpointRouteBuilder app, string accessKey)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(accessKey));
        app.MapPost("/session", async (SessionRequest body, HttpContext http) =>
        {
            var given = SHA256.HashData(Encoding.UTF8.GetBytes(body.AccessKey ?? ""));
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong access key", detail: "The access key does not match Sample:AccessKey (printed at start when generated).");
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "sample-user")], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.NoContent();
        });
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>The body of <c>POST /session</c>.</summary>
internal sealed record SessionRequest(string? AccessKey);
