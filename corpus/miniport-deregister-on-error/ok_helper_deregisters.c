/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * The deregistration is done by a helper, NicUndoRegistration(), which the
 * error path of a retry loop calls: DriverEntry tries to allocate its
 * receive area up to three times and, when every attempt failed, calls the
 * helper before returning.  A checker that only looks for
 * NdisMDeregisterMiniportDriver textually inside DriverEntry would report
 * the failing return.
 */
#include <ndis.h>

#define NIC_ATTEMPTS 3

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NicInitialize;
MINIPORT_UNLOAD NicUnload;

static NDIS_HANDLE NicHandle;
static PVOID NicRxArea;

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

/* Deregisters the miniport driver; called once the registration succeeded. */
static VOID
NicUndoRegistration(VOID)
{
    NdisMDeregisterMiniportDriver(NicHandle);
    NicHandle = NULL;
}

_Use_decl_annotations_
VOID
NicUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFreeMemory(NicRxArea, 0, 0);
    NicUndoRegistration();
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    ULONG Attempt;
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
                                         &MChars, &NicHandle);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    for (Attempt = 0; Attempt < NIC_ATTEMPTS; Attempt++) {
        NicRxArea = NdisAllocateMemoryWithTagPriority(NicHandle, 65536, 'xRcN',
                                                      LowPoolPriority);
        if (NicRxArea != NULL) {
            break;
        }
    }

    if (NicRxArea == NULL) {
        NicUndoRegistration();
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}
