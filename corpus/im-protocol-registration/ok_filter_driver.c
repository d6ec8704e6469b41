/*
 * im-protocol-registration - CORRECT (no finding).
 * An NDIS 6 filter driver: it registers with NdisFRegisterFilterDriver and
 * neither registers a miniport nor a protocol.  Filter drivers are outside
 * the IM rules, even though their characteristics also have a Flags field
 * and they sit between a protocol and a miniport like an IM driver.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD FltUnload;
FILTER_ATTACH FltAttach;
FILTER_DETACH FltDetach;
FILTER_RESTART FltRestart;
FILTER_PAUSE FltPause;

static NDIS_HANDLE FltDriverHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
FltAttach(NDIS_HANDLE NdisFilterHandle, NDIS_HANDLE FilterDriverContext,
          PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters)
{
    UNREFERENCED_PARAMETER(NdisFilterHandle);
    UNREFERENCED_PARAMETER(FilterDriverContext);
    UNREFERENCED_PARAMETER(AttachParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
VOID
FltDetach(NDIS_HANDLE FilterModuleContext)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
}

_Use_decl_annotations_
NDIS_STATUS
FltRestart(NDIS_HANDLE FilterModuleContext,
           PNDIS_FILTER_RESTART_PARAMETERS RestartParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(RestartParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
FltPause(NDIS_HANDLE FilterModuleContext,
         PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters)
{
    UNREFERENCED_PARAMETER(FilterModuleContext);
    UNREFERENCED_PARAMETER(PauseParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
FltUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFDeregisterFilterDriver(FltDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_FILTER_DRIVER_CHARACTERISTICS FChars;
    NDIS_STRING ServiceName = NDIS_STRING_CONST("FltSample");
    NDIS_STRING UniqueName = NDIS_STRING_CONST("{5cbf81bd-5055-47cd-9055-a76b2b4e3697}");
    NDIS_STRING FriendlyName = NDIS_STRING_CONST("Sample NDIS filter");

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisZeroMemory(&FChars, sizeof(FChars));
    FChars.Header.Type = NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS;
    FChars.Header.Revision = NDIS_FILTER_CHARACTERISTICS_REVISION_1;
    FChars.Header.Size = NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1;
    FChars.MajorNdisVersion = 6;
    FChars.MinorNdisVersion = 0;
    FChars.Flags = 0;
    FChars.ServiceName = ServiceName;
    FChars.UniqueName = UniqueName;
    FChars.FriendlyName = FriendlyName;
    FChars.AttachHandler = FltAttach;
    FChars.DetachHandler = FltDetach;
    FChars.RestartHandler = FltRestart;
    FChars.PauseHandler = FltPause;

    DriverObject->DriverUnload = FltUnload;

    Status = NdisFRegisterFilterDriver(DriverObject, (NDIS_HANDLE)DriverObject,
                                       &FChars, &FltDriverHandle);
    return Status;
}
