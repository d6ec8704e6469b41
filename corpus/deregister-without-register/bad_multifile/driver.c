/*
 * deregister-without-register - VIOLATION, across two files.
 * Pure miniport whose DriverEntry uses `do { } while (0)` with `break`
 * and, after the block, calls NicReleaseDriver() (cleanup.c) on every
 * failure - including the registration's own failure.  NicReleaseDriver
 * deregisters without a guard: one finding at that call in cleanup.c.
 * NicReleaseDriver is also the unload handler's worker, where it is fine.
 */
#include "nic.h"

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

NDIS_HANDLE NicDriverHandle;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NicReleaseDriver();
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    do {
        NdisZeroMemory(&MChars, sizeof(MChars));
        MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
        MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
        MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
        MChars.InitializeHandlerEx = MpInitialize;
        MChars.UnloadHandler = MpUnload;
        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                             &MChars, &NicDriverHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        if (RegistryPath->Length == 0) {
            Status = NDIS_STATUS_INVALID_PARAMETER;
            break;
        }
    } while (0);

    if (Status != NDIS_STATUS_SUCCESS) {
        NicReleaseDriver();
    }
    return Status;
}
