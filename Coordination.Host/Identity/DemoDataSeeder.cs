using System.Globalization;
using System.Text;
using Coordination.Workflows.Identity;
using Coordination.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Host.Identity;

/// <summary>
/// Demo municipalities, agencies and one user per agency and role, so that a newcomer can
/// sign in on the embedded default. Runs only in Development and only on an empty user table.
/// </summary>
internal sealed class DemoDataSeeder(CoordinationDbContext db, UserManager<CoordinationUser> users)
{
    /// <summary>The password of every demo user; printed at first start, never used outside Development.</summary>
    public const string DemoPassword = "Demo-Samverkan-2026!";

    private static readonly (string Code, string Name, string Domain)[] DemoMunicipalities =
    [
        ("9901", "Älvby kommun (demo)", "alvby.demo"),
        ("9902", "Sjöstad kommun (demo)", "sjostad.demo"),
    ];

    /// <summary>Seeds when no user exists; returns a printable list of the users created, or null.</summary>
    public async Task<string?> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var municipalities = DemoMunicipalities.Select(m => new Municipality { Id = Guid.NewGuid(), Code = m.Code, Name = m.Name }).ToList();
        foreach (var municipality in municipalities)
        {
            foreach (var kind in Enum.GetValues<AgencyKind>())
            {
                municipality.Agencies.Add(new Agency { Id = Guid.NewGuid(), Kind = kind, Name = $"{AgencyName(kind)}, {municipality.Name}" });
            }
        }

        db.Municipalities.AddRange(municipalities);
        await db.SaveChangesAsync(cancellationToken);

        // Hashing is deliberately slow; the demo users share one password, so it is checked
        // against the policy and hashed once, not seventy times on every first start.
        var passwordHash = await DemoPasswordHashAsync();
        var printed = new StringBuilder();
        printed.AppendLine(CultureInfo.InvariantCulture, $"Demo users (password for all: {DemoPassword}):");
        for (var i = 0; i < municipalities.Count; i++)
        {
            var municipality = municipalities[i];
            foreach (var agency in municipality.Agencies)
            {
                // The police local area serves both demo municipalities: its users are created
                // once, in the first, and get memberships in every municipality's police agency.
                if (agency.Kind == AgencyKind.Police && i > 0)
                {
                    continue;
                }

                foreach (var role in Enum.GetValues<MembershipRole>())
                {
                    var email = $"{Slug(agency.Kind)}.{role.ToString().ToLowerInvariant()}@{DemoMunicipalities[i].Domain}";
                    var user = new CoordinationUser
                    {
                        Id = Guid.NewGuid(),
                        UserName = email,
                        Email = email,
                        EmailConfirmed = true,
                        DisplayName = $"{AgencyName(agency.Kind)} {role} ({municipality.Name})",
                    };
                    var agencies = agency.Kind == AgencyKind.Police
                        ? municipalities.SelectMany(m => m.Agencies).Where(a => a.Kind == AgencyKind.Police)
                        : [agency];
                    foreach (var member in agencies)
                    {
                        user.Memberships.Add(new Membership { Id = Guid.NewGuid(), AgencyId = member.Id, Role = role });
                    }

                    user.PasswordHash = passwordHash;
                    var created = await users.CreateAsync(user);
                    if (!created.Succeeded)
                    {
                        throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                    }

                    printed.AppendLine(CultureInfo.InvariantCulture, $"  {email}");
                }
            }
        }

        return printed.ToString();
    }

    private async Task<string> DemoPasswordHashAsync()
    {
        var probe = new CoordinationUser { UserName = "demo" };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, probe, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The demo password breaks the password policy: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }

        return users.PasswordHasher.HashPassword(probe, DemoPassword);
    }

    private static string AgencyName(AgencyKind kind) => kind switch
    {
        AgencyKind.School => "Skolan",
        AgencyKind.SocialServices => "Socialtjänsten",
        AgencyKind.Police => "Polisen",
        AgencyKind.Leisure => "Fritid",
        AgencyKind.LicensingUnit => "Tillståndsenheten",
        AgencyKind.RescueService => "Räddningstjänsten",
        AgencyKind.TaxAgency => "Skatteverket",
        _ => kind.ToString(),
    };

    private static string Slug(AgencyKind kind) => kind switch
    {
        AgencyKind.SocialServices => "social",
        AgencyKind.LicensingUnit => "licensing",
        AgencyKind.RescueService => "rescue",
        AgencyKind.TaxAgency => "tax",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
