namespace PrivacyPortal.Features.Inventory;

public static class InventoryServiceCollectionExtensions
{
    public static IServiceCollection AddPortalInventory(this IServiceCollection services)
    {
        services.AddScoped<CategoryService>();
        services.AddScoped<SystemService>();
        services.AddScoped<RecipientService>();
        services.AddScoped<PurposeService>();
        services.AddScoped<DisclosureService>();
        services.AddScoped<ConsentService>();
        return services;
    }
}
