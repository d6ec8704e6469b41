/*
 * control.c - protocol half and control device of the two-file IM driver
 * (see driver.c).  No finding in this file.
 */
#include "mux.h"

PROTOCOL_BIND_ADAPTER_EX MuxBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX MuxUnbindAdapter;

static NDIS_HANDLE MuxDeviceHandle;
static PDEVICE_OBJECT MuxDeviceObject;

_Use_decl_annotations_
NDIS_STATUS
MuxBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
               PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
MuxUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

/* Registers the protocol half. */
NDIS_STATUS
MuxRegisterProtocol(VOID)
{
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("MuxTwoFile");

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = MuxBindAdapter;
    PChars.UnbindAdapterHandlerEx = MuxUnbindAdapter;
    return NdisRegisterProtocolDriver(NULL, &PChars, &MuxProtocolHandle);
}

/* Creates the control device used by the configuration tool. */
NDIS_STATUS
MuxCreateControlDevice(VOID)
{
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attrs;
    NDIS_STRING DevName = NDIS_STRING_CONST("\\Device\\MuxTwoFile");

    NdisZeroMemory(&Attrs, sizeof(Attrs));
    Attrs.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attrs.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attrs.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attrs.DeviceName = &DevName;
    return NdisRegisterDeviceEx(MuxMiniportHandle, &Attrs, &MuxDeviceObject,
                                &MuxDeviceHandle);
}

/* Deletes the control device if it exists. */
VOID
MuxDeleteControlDevice(VOID)
{
    if (MuxDeviceHandle != NULL) {
        NdisDeregisterDeviceEx(MuxDeviceHandle);
        MuxDeviceHandle = NULL;
    }
}
