/*
 * miniport-deregister-on-unload - CORRECT (no finding).
 * DriverEntry can succeed without registering anything: when the service is
 * installed "disabled" (the registry path ends in 'D') it returns
 * STATUS_SUCCESS at once.  The unload handler, stored in UnloadHandler of the
 * characteristics, deregisters unconditionally.  SPEC.md: NDIS only calls a
 * MiniportDriverUnload it was given, i.e. from states where the registration
 * succeeded, so the safe-mode state owes nothing and the handler is right.
 * A checker that runs the handler from every success state would report it
 * (or report deregister-without-register).
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE SmInitialize;
MINIPORT_UNLOAD SmUnload;

NDIS_HANDLE SmMiniportHandle = NULL;

/* The service is installed "disabled" under a name ending in 'D'. */
static BOOLEAN
SmServiceDisabled(PUNICODE_STRING RegistryPath)
{
    USHORT Count = RegistryPath->Length / sizeof(WCHAR);

    return (BOOLEAN)(Count != 0 && RegistryPath->Buffer[Count - 1] == L'D');
}

_Use_decl_annotations_
NDIS_STATUS
SmInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
SmUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(SmMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    if (SmServiceDisabled(RegistryPath)) {
        /* Safe mode: load, but stay out of the network stack. */
        return STATUS_SUCCESS;
    }

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = SmInitialize;
    MChars.UnloadHandler = SmUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &SmMiniportHandle);
    return Status;
}
