using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Coordination.Host.Identity;

/// <summary>
/// Identity's sign-in with one rule added: a disabled account (<see cref="CoordinationUser.DisabledAt"/>)
/// is not allowed to sign in, by password, second factor or refresh token, and no cookie or token
/// of it passes the per-request check (<see cref="SecurityStampCheck"/>). Disabling also renews the
/// stamp, which already ends those; this keeps them ended whatever else renews it. A refused
/// sign-in is Identity's "not allowed", which the sign-in answers as a wrong password (ADR 0020).
/// </summary>
internal sealed class CoordinationSignInManager(
    UserManager<CoordinationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CoordinationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CoordinationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CoordinationUser> confirmation)
    : SignInManager<CoordinationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(CoordinationUser user) =>
        user.DisabledAt is null && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(CoordinationUser? user, string? securityStamp) =>
        user is { DisabledAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
