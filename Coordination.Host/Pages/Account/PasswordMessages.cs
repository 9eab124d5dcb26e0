using Coordination.Host.Identity;
using Microsoft.Extensions.Localization;

namespace Coordination.Host.Pages.Account;

/// <summary>The password pages' text for a problem at one of their fields.</summary>
internal static class PasswordMessages
{
    /// <summary>The text of <paramref name="problem"/>; a rule Identity adds later that has none gets the general one.</summary>
    public static string For(IStringLocalizer text, PasswordProblem problem, int requiredLength)
    {
        var key = problem.Code == NewPasswordRules.Required ? $"Password.Error.{problem.Field}Required" : "Password.Error." + problem.Code;
        var message = text[key, problem.Code == NewPasswordRules.TooLong ? NewPasswordRules.MaxLength : requiredLength];
        return message.ResourceNotFound ? text["Password.Error.Other"] : message;
    }
}
