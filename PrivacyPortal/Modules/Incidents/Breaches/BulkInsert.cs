using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PrivacyPortal.Data;

namespace PrivacyPortal.Modules.Incidents.Breaches;

/// <summary>
/// One prepared INSERT for many rows of <typeparamref name="T"/> inside the context's open transaction, with names
/// from the EF model so it runs on both providers. Change tracking costs about ten times more per row at this size
/// (the same reasoning as NotificationOutbox.WriteCampaignAsync).
/// </summary>
internal sealed class BulkInsert<T> : IAsyncDisposable where T : class
{
    private readonly DbCommand command;
    private readonly List<(IClrPropertyGetter Getter, DbParameter Parameter, ValueConverter? Converter)> parameters;
    private bool prepared;

    public BulkInsert(PortalDbContext db)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Open a transaction first.");
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        parameters = properties.Select((p, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
            return (p.GetGetter(), parameter, p.GetTypeMapping().Converter);
        }).ToList();
    }

    public async Task AddAsync(T row, CancellationToken cancellationToken)
    {
        foreach (var (getter, parameter, converter) in parameters)
        {
            var value = getter.GetClrValueUsingContainingEntity(row);
            if (value is not null && converter is not null)
            {
                value = converter.ConvertToProvider(value);
            }
            parameter.Value = value ?? DBNull.Value;
        }
        if (!prepared)
        {
            await command.PrepareAsync(cancellationToken);
            prepared = true;
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
