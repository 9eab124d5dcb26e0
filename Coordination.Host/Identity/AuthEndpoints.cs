using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
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
        auth.MapPost("/token", (SignInRequest request, SignInManager<CoordinationUser> signIn) =>
            SignInAsync(request, signIn, IdentityConstants.BearerScheme)).AllowAnonymous();
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous();
        auth.MapPost("/signin", (SignInRequest request, SignInManager<CoordinationUser> signIn) =>
            SignInAsync(request, signIn, IdentityConstants.ApplicationScheme)).AllowAnonymous();
        auth.MapPost("/signout", async (SignInManager<CoordinationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        });

        endpoints.MapGet("/api/me", MeAsync).WithTags("Authentication");
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, SignInManager<CoordinationUser> signIn, string scheme)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["An e-mail address is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["A password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(request.Email!, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // The bearer handler has written the token response; the cookie handler has set the cookie.
            return scheme == IdentityConstants.BearerScheme ? TypedResults.Empty : TypedResults.NoContent();
        }

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

    private static async Task<Results<EmptyHttpResult, SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        SignInManager<CoordinationUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(title: "Refresh failed", detail: "The refresh token is invalid or has expired; sign in again.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
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
