/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * Goto-cleanup style with a LOCAL handle initialized to NULL.  Every error,
 * including the registration's own failure, jumps to Cleanup, which
 * deregisters only `if (DriverHandle != NULL)`.  The registration writes the
 * handle only when it succeeds, so the guard is exactly "registered": no
 * leak (miniport-deregister-on-error) and no deregistration of a failed
 * registration (deregister-without-register).  The handle is published to
 * the global that the unload handler uses only on success.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpDriverHandle;
static PVOID MpSharedArea;

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
    NdisFreeMemory(MpSharedArea, 0, 0);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_HANDLE DriverHandle = NULL;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Cleanup;
    }

    MpSharedArea = NdisAllocateMemoryWithTagPriority(DriverHandle, 2048, 'hSpM',
                                                     NormalPoolPriority);
    if (MpSharedArea == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Cleanup;
    }

    MpDriverHandle = DriverHandle;
    return NDIS_STATUS_SUCCESS;

Cleanup:
    if (DriverHandle != NULL) {
        NdisMDeregisterMiniportDriver(DriverHandle);
    }
    return Status;
}
