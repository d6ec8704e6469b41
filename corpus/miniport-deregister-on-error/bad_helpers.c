/*
 * miniport-deregister-on-error - VIOLATION.
 * Both the registration and the failing step live in helpers.
 * NicRegisterMiniport() fills the characteristics and registers;
 * NicAllocateAdapterTable() allocates and can fail.  DriverEntry checks the
 * registration, then returns the table's failure as is: the miniport stays
 * registered.  One finding, at DriverEntry's second `return Status;` (the
 * return where DriverEntry fails, not a return inside a helper).
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NicInitialize;
MINIPORT_UNLOAD NicUnload;

NDIS_HANDLE NicDriverHandle;
PVOID NicAdapterTable;

_Use_decl_annotations_
NDIS_STATUS
NicInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
              PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
NicUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFreeMemory(NicAdapterTable, 0, 0);
    NdisMDeregisterMiniportDriver(NicDriverHandle);
}

/* Fills the characteristics and registers the miniport. */
static NDIS_STATUS
NicRegisterMiniport(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = NicInitialize;
    Chars.UnloadHandler = NicUnload;
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                       &Chars, &NicDriverHandle);
}

/* Allocates the adapter table; fails when pool is short. */
static NDIS_STATUS
NicAllocateAdapterTable(VOID)
{
    NicAdapterTable = NdisAllocateMemoryWithTagPriority(NicDriverHandle, 1024,
                                                        'tAcN', NormalPoolPriority);
    if (NicAdapterTable == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    NdisZeroMemory(NicAdapterTable, 1024);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;

    Status = NicRegisterMiniport(DriverObject, RegistryPath);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Status = NicAllocateAdapterTable();
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;  // expect: miniport-deregister-on-error
    }
    return NDIS_STATUS_SUCCESS;
}
