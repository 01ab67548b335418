namespace PrivacyPortal.Features.Inventory;

public static class InventoryServiceCollectionExtensions
{
    public static IServiceCollection AddPortalInventory(this IServiceCollection services)
    {
        // Inventory services (systems, recipients, flows, purposes, disclosures, consent) register here.
        return services;
    }
}
