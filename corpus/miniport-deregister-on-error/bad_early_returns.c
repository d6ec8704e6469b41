/*
 * miniport-deregister-on-error - VIOLATION (two findings).
 * Pure miniport with early returns.  Three steps can fail after the
 * registration; the first and the third return without deregistering, the
 * second deregisters correctly.  One finding per failing return: lines of
 * the first and third `return`, not the second.
 */
#include <ndis.h>

#define NIC_TAG 'rylE'

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NicInitialize;
MINIPORT_UNLOAD NicUnload;

NDIS_HANDLE NicDriverHandle = NULL;
PUCHAR NicTxArea = NULL;
PUCHAR NicRxArea = NULL;

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
    NdisFreeMemory(NicRxArea, 0, 0);
    NdisFreeMemory(NicTxArea, 0, 0);
    NdisMDeregisterMiniportDriver(NicDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = NicInitialize;
    MChars.UnloadHandler = NicUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &NicDriverHandle);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    if (RegistryPath->Length > 512) {
        return STATUS_INVALID_PARAMETER;  // expect: miniport-deregister-on-error
    }

    NicTxArea = NdisAllocateMemoryWithTagPriority(NicDriverHandle, 8192, NIC_TAG,
                                                  NormalPoolPriority);
    if (NicTxArea == NULL) {
        NdisMDeregisterMiniportDriver(NicDriverHandle);
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    NicRxArea = NdisAllocateMemoryWithTagPriority(NicDriverHandle, 8192, NIC_TAG,
                                                  NormalPoolPriority);
    if (NicRxArea == NULL) {
        NdisFreeMemory(NicTxArea, 0, 0);
        return STATUS_INSUFFICIENT_RESOURCES;  // expect: miniport-deregister-on-error
    }

    return STATUS_SUCCESS;
}
