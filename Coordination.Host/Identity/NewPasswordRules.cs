using Coordination.Workflows.Identity;
using Microsoft.AspNetCore.Identity;

namespace Coordination.Host.Identity;

/// <summary>
/// A new password typed twice, checked as both password forms check it (a user changing their own,
/// <see cref="OwnPasswordChange"/>, and one setting theirs with a link, <see cref="PasswordLinks"/>):
/// every problem at once, each at its field. Identity's rules judge the new one, and the repeat
/// must equal it.
/// </summary>
internal static class NewPasswordRules
{
    /// <summary>As the API's sign-in: longer is not a password anybody types.</summary>
    public const int MaxLength = 512;

    /// <summary>The code of a field left empty.</summary>
    public const string Required = "Required";

    /// <summary>The code of a field longer than <see cref="MaxLength"/>.</summary>
    public const string TooLong = "TooLong";

    /// <summary>The problems of <paramref name="next"/> and <paramref name="repeat"/> as <paramref name="user"/>'s new password; none if it may be set.</summary>
    public static async Task<List<PasswordProblem>> CheckAsync(UserManager<CoordinationUser> users, CoordinationUser user, string? next, string? repeat)
    {
        var problems = new List<PasswordProblem>();
        if (Given(PasswordField.New, next, problems))
        {
            foreach (var validator in users.PasswordValidators)
            {
                var valid = await validator.ValidateAsync(users, user, next!);
                problems.AddRange(valid.Errors.Select(e => new PasswordProblem(PasswordField.New, e.Code)));
            }
        }

        if (Given(PasswordField.Repeat, repeat, problems) && next is not null && !string.Equals(repeat, next, StringComparison.Ordinal))
        {
            problems.Add(new(PasswordField.Repeat, "RepeatDiffers"));
        }

        return problems.Distinct().ToList();
    }

    /// <summary>False, with the problem added, when <paramref name="value"/> is empty or too long to be checked.</summary>
    public static bool Given(PasswordField field, string? value, List<PasswordProblem> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new(field, Required));
            return false;
        }

        if (value.Length > MaxLength)
        {
            problems.Add(new(field, TooLong));
            return false;
        }

        return true;
    }
}
