/*
 * deregister-without-register - CORRECT (no finding).
 * Pure miniport that keeps the registration's status in its own variable,
 * RegStatus, and uses it as the guard in the shared exit: a `switch` on
 * RegStatus deregisters only in the NDIS_STATUS_SUCCESS case.  The later
 * step's failure is tested with `0 > Status`.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpHandle;
static PVOID MpArea;

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
    NdisFreeMemory(MpArea, 0, 0);
    NdisMDeregisterMiniportDriver(MpHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_STATUS RegStatus;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;
    RegStatus = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                            &MChars, &MpHandle);
    Status = RegStatus;
    if (0 > Status) {
        goto Exit;
    }

    MpArea = NdisAllocateMemoryWithTagPriority(MpHandle, 128, 'rApM', NormalPoolPriority);
    Status = (MpArea != NULL) ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;

Exit:
    if (0 > Status) {
        switch (RegStatus) {
        case NDIS_STATUS_SUCCESS:
            NdisMDeregisterMiniportDriver(MpHandle);
            break;
        default:
            break;
        }
    }
    return Status;
}
