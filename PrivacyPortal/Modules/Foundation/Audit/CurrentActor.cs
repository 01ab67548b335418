using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PrivacyPortal.Modules.Foundation.Audit;

/// <summary>Who is acting, and from where: the signed-in staff member in a circuit or request, else the system.</summary>
public sealed class CurrentActor(IHttpContextAccessor http, AuthenticationStateProvider authentication)
{
    /// <summary>Captured when a circuit opens; HTTP requests read it from the connection.</summary>
    internal string? CircuitClientIp { get; set; }

    public string? ClientIp => CircuitClientIp ?? http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<ClaimsPrincipal?> GetUserAsync()
    {
        try
        {
            // In a circuit this is the revalidated truth; in a static page it is the request's user.
            return (await authentication.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // Minimal endpoints and background jobs have no component authentication state.
            return http.HttpContext?.User;
        }
    }

    /// <summary>For work done on someone's behalf in this scope before they are signed in (first-run setup).</summary>
    internal string? ActingAs { get; set; }

    public async Task<string> GetActorIdAsync()
    {
        if (ActingAs is not null)
        {
            return ActingAs;
        }
        var user = await GetUserAsync();
        if (user?.Identity?.IsAuthenticated == true)
        {
            return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? AuditActors.Anonymous;
        }
        return http.HttpContext is null ? AuditActors.System : AuditActors.Anonymous;
    }
}

internal sealed class ClientIpCircuitHandler(IHttpContextAccessor http, CurrentActor actor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        actor.CircuitClientIp ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return Task.CompletedTask;
    }
}
