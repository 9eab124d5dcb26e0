using System.Security.Claims;
using Coordination.Host.Security;
using Coordination.Host.Security.Audit;
using Coordination.Workflows.Audit;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coordination.Host.Identity;

/// <summary>Sign-in for API clients (bearer token) and browsers (cookie), and who am I.</summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Authentication");
        auth.MapPost("/token", (SignInRequest request, SignInManager<CoordinationUser> signIn, AuditTrail audit) =>
            SignInAsync(request, signIn, audit, IdentityConstants.BearerScheme)).AllowAnonymous().RequireRateLimiting(RateLimits.SignInPolicy);
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignInPolicy);
        auth.MapPost("/signin", (SignInRequest request, SignInManager<CoordinationUser> signIn, AuditTrail audit) =>
            SignInAsync(request, signIn, audit, IdentityConstants.ApplicationScheme)).AllowAnonymous().RequireRateLimiting(RateLimits.SignInPolicy);
        auth.MapPost("/signout", async (HttpContext http, SignInManager<CoordinationUser> signIn, AuditTrail audit) =>
        {
            await signIn.SignOutAsync();
            audit.Record(http.User.Audit(AuditAction.SignedOut, "User", AuditActor.UserId(http.User)?.ToString() ?? "", null, "Own session"));
            await audit.SaveChangesAsync(http.RequestAborted);
            return TypedResults.NoContent();
        });

        endpoints.MapGet("/api/me", MeAsync).WithTags("Authentication");
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, SignInManager<CoordinationUser> signIn, AuditTrail audit, string scheme)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["An e-mail address is required."];
        }
        else if (request.Email.Length > 256)
        {
            errors["email"] = ["At most 256 characters."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["A password is required."];
        }
        else if (request.Password.Length > 512)
        {
            errors["password"] = ["At most 512 characters."];
        }

        var bearer = scheme == IdentityConstants.BearerScheme;
        var scopes = ApiScopes.Requested(bearer ? request.Scopes : null, errors);
        if (!bearer && request.Scopes is not null)
        {
            errors["scopes"] = ["Scopes are for API client tokens; a browser session has none."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var email = request.Email!.Trim();
        var user = await signIn.UserManager.FindByEmailAsync(email);
        var result = user is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);

        // A user with a second factor signs in through the web sign-in, which asks for it; a password alone is not enough here.
        if (result.Succeeded && await signIn.UserManager.GetTwoFactorEnabledAsync(user!))
        {
            result = SignInResult.TwoFactorRequired;
        }

        var how = bearer ? $"bearer token ({string.Join(" ", scopes)})" : "cookie";
        audit.Record(new AuditRecord(
            result.Succeeded ? AuditAction.SignInSucceeded : AuditAction.SignInFailed,
            user?.Id,
            email,
            "User",
            user?.Id.ToString() ?? "",
            null,
            "Password",
            result.Succeeded ? how : $"{how}: {(result.IsLockedOut ? "account locked" : result.RequiresTwoFactor ? "second factor required" : user is null ? "unknown user" : result.IsNotAllowed ? "account disabled" : "wrong password")}"));
        await audit.SaveChangesAsync(CancellationToken.None);
        if (result.Succeeded)
        {
            // The bearer handler writes the token response; the cookie handler sets the cookie.
            signIn.AuthenticationScheme = scheme;
            Claim[] claims = [new("amr", "pwd"), .. (bearer ? scopes.Select(s => new Claim(ApiScopes.ClaimType, s)) : [])];
            await signIn.SignInWithClaimsAsync(user!, isPersistent: false, claims);
            return bearer ? TypedResults.Empty : TypedResults.NoContent();
        }

        if (result.RequiresTwoFactor)
        {
            return TypedResults.Problem(
                title: "Second factor required",
                detail: "This account signs in with a second factor: use the web sign-in.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        // A disabled account (not allowed) is answered as a wrong password: the answer tells no more than that.
        return result.IsLockedOut
            ? TypedResults.Problem(
                title: "Account locked",
                detail: "Too many failed sign-ins: the account is locked for a while. Try again later or ask an administrator.",
                statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Problem(
                title: "Sign-in failed",
                detail: "The e-mail address or the password is wrong.",
                statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> RefreshAsync(
        RefreshRequest request,
        SignInManager<CoordinationUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        AuditTrail audit)
    {
        if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 8192)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["A refresh token from /api/auth/token is required."] });
        }

        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(title: "Refresh failed", detail: "The refresh token is invalid or has expired; sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // A refreshed token keeps the scopes of the one it replaces, never more.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(ticket.Principal.FindAll(ApiScopes.ClaimType).Select(c => new Claim(ApiScopes.ClaimType, c.Value)));
        audit.Record(new AuditRecord(AuditAction.SignInSucceeded, user.Id, user.Email ?? user.Id.ToString(), "User", user.Id.ToString(), null, "Refresh token", "bearer token refreshed"));
        await audit.SaveChangesAsync(CancellationToken.None);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<IResult> MeAsync(HttpContext http, UserManager<CoordinationUser> users, CoordinationDbContext db)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Select(m => new
            {
                municipalityId = m.Agency!.MunicipalityId,
                municipality = m.Agency.Municipality!.Name,
                agencyId = m.AgencyId,
                agency = m.Agency.Name,
                agencyKind = m.Agency.Kind.ToString(),
                role = m.Role.ToString(),
            })
            .ToListAsync();
        return TypedResults.Ok(new { id = user.Id, email = user.Email, displayName = user.DisplayName, memberships });
    }
}
