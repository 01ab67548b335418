using PrivacyPortal.Modules.Foundation.Setup;

namespace PrivacyPortal.Modules.Demo;

/// <summary>
/// Generated demo data for a development portal: colleagues in every role, clocks in every state, and an inventory
/// with three demo databases behind real connectors. It registers nothing outside the Development environment (or
/// with DemoData:Enabled false), so a production portal offers no demo data and knows no demo password.
/// </summary>
public sealed class DemoModule : PortalModule
{
    public override int Layer => 4;

    public override void AddServices(IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() || !configuration.GetValue<bool>("DemoData:Enabled"))
        {
            return;
        }
        services.AddScoped<IDemoDataGenerator, DemoDataService>();
        services.AddScoped<IDemoDataContributor, StaffDemoData>();
        services.AddScoped<IDemoDataContributor, ClockDemoData>();
        services.AddScoped<IDemoDataContributor, InventoryDemoData>();
        services.AddScoped<IDemoDataContributor, IncidentDemoData>();
    }
}
