using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coordination.Workflows.Persistence;

/// <summary>
/// Stores every instant as a UTC <see cref="DateTime"/>. SQLite cannot compare or order
/// DateTimeOffset columns, while a UTC DateTime is sortable text there and
/// <c>timestamp with time zone</c> on PostgreSQL: one provider-neutral column type.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTime>(
    value => value.UtcDateTime,
    stored => new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc)));
