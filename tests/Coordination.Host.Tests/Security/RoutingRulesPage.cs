using System.Globalization;
using System.Text.Json;

namespace Coordination.Host.Tests.Security;

/// <summary>The routing rules page's form filled in as the rules read from the API say, for a test to change one field of.</summary>
internal static class RoutingRulesPage
{
    public static Dictionary<string, string> Fields(JsonElement read)
    {
        var rules = read.GetProperty("rules");
        string Hours(string name) => TimeSpan.Parse(rules.GetProperty(name).GetString()!, CultureInfo.InvariantCulture).TotalHours.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["ReadVersion"] = read.GetProperty("version").ToString(),
            ["Input.TaskAnswerWorkingDays"] = rules.GetProperty("taskAnswerWorkingDays").ToString(),
            ["Input.FeedbackWorkingDays"] = rules.GetProperty("feedbackWorkingDays").ToString(),
            ["Input.NearLimitWorkingDays"] = rules.GetProperty("nearLimitWorkingDays").ToString(),
            ["Input.ReminderIntervalHours"] = Hours("reminderInterval"),
            ["Input.TaskReminderDaysBefore"] = rules.GetProperty("taskReminderDaysBefore").ToString(),
            ["Input.EscalationAfterDueHours"] = Hours("escalationAfterDue"),
            ["Input.ReviewIntervalMonths"] = rules.GetProperty("reviewIntervalMonths").ToString(),
            ["Input.ReviewReminderDaysBefore"] = rules.GetProperty("reviewReminderDaysBefore").ToString(),
            ["Input.AgeBandFrom"] = rules.GetProperty("ageBandFrom").ToString(),
            ["Input.AgeBandTo"] = rules.GetProperty("ageBandTo").ToString(),
            ["Input.OfficeHoursEnd"] = rules.GetProperty("officeHoursEnd").GetString()![..5],
            ["Input.MoveCalendarDeadlines"] = rules.GetProperty("moveCalendarDeadlinesToNextWorkingDay").GetBoolean() ? "true" : "false",
            ["Input.LocalClosingDays"] = string.Join('\n', rules.GetProperty("localClosingDays").EnumerateArray().Select(d => d.GetString())),
        };
    }
}
