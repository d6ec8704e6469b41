/*
 * Lower (protocol) edge of the ok_deep_chain fixture (see driver.c).
 */
#include "chain.h"

static NDIS_STRING ChProtocolName = NDIS_STRING_CONST("ChainIm");

/* Starts the lower edge under the driver's protocol name. */
NDIS_STATUS
ChStartLowerEdge(VOID)
{
    return ChRegisterLowerEdge(&ChProtocolName);
}

/* Builds the protocol characteristics and registers them. */
_Use_decl_annotations_
NDIS_STATUS
ChRegisterLowerEdge(PNDIS_STRING Name)
{
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = *Name;
    return ChCallNdisProtocol(&PChars);
}

/* The one place that talks to NDIS for the protocol edge. */
_Use_decl_annotations_
NDIS_STATUS
ChCallNdisProtocol(PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars)
{
    return NdisRegisterProtocolDriver(NULL, Chars, &ChProtocolHandle);
}
